package org.carelake.marts.risk;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AHRQ Elixhauser Comorbidity Software Refined for ICD-10-CM, v2023.1: the 38 measures of CMR_Mapping_Program and
 * the readmission and mortality indices of CMR_Index_Program (weights read from that program as shipped).
 *
 * <p>Population data has no present-on-admission flags and no principal diagnosis, so every code counts and is
 * taken as present on admission; the "not on admission" cerebrovascular branch therefore never fires.
 *
 * <p>The ICD-10-CM to measure table is AHRQ's CMR_Format_Program_v2023-1.sas ($COMFMT). It is not in the shared
 * reference data yet, so {@link #load()} fails until that file is added under {@code risk/comorbidity/ahrq/}.
 */
public final class ElixhauserAhrq2023 implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String FORMAT_PROGRAM = "comorbidity/ahrq/CMR_Format_Program_v2023-1.sas";
  static final String INDEX_PROGRAM = "comorbidity/ahrq/CMR_Index_Program_v2023-1.sas";
  private static final Pattern WEIGHT = Pattern.compile("(?m)^\\s*(rw|mw)([A-Z_]+)\\s*=\\s*(-?\\d+)\\s*;");

  /** Format values that set the measure of the same name (POA-neutral and POA-dependent lists of the program). */
  private static final Set<String> DIRECT = Set.of("AIDS", "ALCOHOL", "AUTOIMMUNE", "LUNG_CHRONIC", "DEMENTIA",
      "DEPRESS", "DIAB_UNCX", "DIAB_CX", "DRUG_ABUSE", "HTN_UNCX", "HTN_CX", "THYROID_HYPO", "THYROID_OTH",
      "CANCER_LYMPH", "CANCER_LEUK", "CANCER_METS", "OBESE", "PERIVASC", "CANCER_SOLID", "CANCER_NSITU", "ANEMDEF",
      "BLDLOSS", "HF", "COAG", "LIVER_MLD", "LIVER_SEV", "NEURO_MOVT", "NEURO_SEIZ", "NEURO_OTH", "PARALYSIS",
      "PSYCHOSES", "PULMCIRC", "RENLFL_MOD", "RENLFL_SEV", "ULCER_PEPTIC", "WGHTLOSS", "CBVD_POA", "CBVD_SQLA",
      "VALVE");

  /** Combined format values and the measures each one sets (both of the program's passes together). */
  private static final Map<String, List<String>> COMBINED = Map.of(
      "DRUG_ABUSEPSYCHOSES", List.of("DRUG_ABUSE", "PSYCHOSES"),
      "HFHTN_CX", List.of("HTN_CX", "HF"),
      "HTN_CXRENLFL_SEV", List.of("HTN_CX", "RENLFL_SEV"),
      "HFHTN_CXRENLFL_SEV", List.of("HTN_CX", "HF", "RENLFL_SEV"),
      "ALCOHOLLIVER_MLD", List.of("ALCOHOL", "LIVER_MLD"),
      "VALVE_AUTOIMMUNE", List.of("AUTOIMMUNE", "VALVE"),
      "CBVD_SQLAPARALYSIS", List.of("PARALYSIS", "CBVD_SQLA"),
      "LIVER_MLD_NEURO", List.of("LIVER_MLD", "NEURO_OTH"));

  /** (more severe, less severe) exclusions of the mapping program. */
  private static final List<List<String>> EXCLUSIONS = List.of(List.of("DIAB_CX", "DIAB_UNCX"),
      List.of("HTN_CX", "HTN_UNCX"), List.of("CANCER_METS", "CANCER_SOLID"), List.of("CANCER_METS", "CANCER_NSITU"),
      List.of("CANCER_SOLID", "CANCER_NSITU"), List.of("LIVER_SEV", "LIVER_MLD"), List.of("RENLFL_SEV", "RENLFL_MOD"));

  private final Map<String, String> valueByCode;
  private final Map<String, Integer> weights;

  private ElixhauserAhrq2023(Map<String, String> valueByCode, Map<String, Integer> weights) {
    this.valueByCode = Map.copyOf(valueByCode);
    this.weights = Map.copyOf(weights);
  }

  /** Whether AHRQ's v2023.1 format program is on the classpath. */
  public static boolean available() {
    return RiskResources.exists(FORMAT_PROGRAM);
  }

  public static ElixhauserAhrq2023 load() {
    if (!available()) {
      throw new IllegalStateException("AHRQ Elixhauser v2023.1 needs " + FORMAT_PROGRAM + " (AHRQ's "
          + "CMR_Format_Program_v2023-1.sas), which the reference data does not include yet; see docs/risk.md");
    }
    return fromFormat(RiskResources.text(FORMAT_PROGRAM));
  }

  /** With a given format program text (AHRQ's, or a test's), and the shipped index weights. */
  static ElixhauserAhrq2023 fromFormat(String formatProgram) {
    return new ElixhauserAhrq2023(SasFormatParser.parse(formatProgram, "COMFMT"), indexWeights());
  }

  /** rwX / mwX weights of CMR_Index_Program_v2023-1.sas, keyed "rwHF", "mwHF". */
  static Map<String, Integer> indexWeights() {
    Map<String, Integer> out = new TreeMap<>();
    Matcher m = WEIGHT.matcher(RiskResources.text(INDEX_PROGRAM));
    while (m.find()) {
      out.put(m.group(1) + m.group(2), Integer.valueOf(m.group(3)));
    }
    return out;
  }

  /** The 38 measures that count, after the exclusions, in alphabetical order. */
  public List<String> measures(List<String> diagnosisCodes) {
    Set<String> on = new TreeSet<>();
    for (String code : Icd10Codes.normalizeAll(diagnosisCodes)) {
      String value = valueByCode.get(code);
      if (value != null && DIRECT.contains(value)) {
        on.add(value);
      } else if (value != null) {
        on.addAll(COMBINED.getOrDefault(value, List.of()));
      }
    }
    for (List<String> ex : EXCLUSIONS) {
      if (on.contains(ex.get(0))) {
        on.remove(ex.get(1));
      }
    }
    // Everything is taken as on admission, so CBVD = CBVD_POA or CBVD_SQLA (| so that both flags go).
    if (on.remove("CBVD_POA") | on.remove("CBVD_SQLA")) {
      on.add("CBVD");
    }
    return new ArrayList<>(on);
  }

  public ComorbidityScore score(List<String> diagnosisCodes, AhrqIndex index) {
    List<String> measures = measures(diagnosisCodes);
    Map<String, Double> components = new LinkedHashMap<>();
    double score = 0;
    for (String measure : measures) {
      double w = weights.get(index.weightPrefix() + measure);
      components.put(measure, w);
      score += w;
    }
    Map<String, List<String>> codesByMeasure = new TreeMap<>();
    for (String code : Icd10Codes.normalizeAll(diagnosisCodes)) {
      String value = valueByCode.get(code);
      if (value != null) {
        codesByMeasure.computeIfAbsent(value, k -> new ArrayList<>()).add(code);
      }
    }
    return new ComorbidityScore("ELIXHAUSER_AHRQ_2023_" + index, score, measures, components, codesByMeasure);
  }
}
