package org.carelake.marts.risk;

import java.util.List;

/**
 * The Quan (2005) ICD-10 comorbidity indices over comorbidipy's code-prefix maps: Charlson with the original 1987 or
 * the Quan 2011 weights, Elixhauser with the van Walraven or the Swiss weights. The hierarchy pairs keep only the
 * more severe of two related categories, as comorbidipy and the R comorbidity package do before weighting.
 */
public enum QuanIcd10Index {
  CHARLSON_ORIGINAL("charlson_icd10_quan", "charlson", "charlson", Hierarchies.CHARLSON),
  CHARLSON_QUAN_2011("charlson_icd10_quan", "charlson", "quan", Hierarchies.CHARLSON),
  ELIXHAUSER_VAN_WALRAVEN("elixhauser_icd10_quan", "elixhauser", "vw", Hierarchies.ELIXHAUSER),
  ELIXHAUSER_SWISS("elixhauser_icd10_quan", "elixhauser", "swiss", Hierarchies.ELIXHAUSER);

  private final String mapping;
  private final String family;
  private final String weighting;
  private final List<List<String>> hierarchy;

  QuanIcd10Index(String mapping, String family, String weighting, List<List<String>> hierarchy) {
    this.mapping = mapping;
    this.family = family;
    this.weighting = weighting;
    this.hierarchy = hierarchy;
  }

  /** comorbidipy's mapping name (column 1 of comorbidipy-mappings.tsv). */
  String mapping() {
    return mapping;
  }

  String family() {
    return family;
  }

  String weighting() {
    return weighting;
  }

  /** Pairs (more severe, less severe): the less severe one is dropped when both are present. */
  List<List<String>> hierarchy() {
    return hierarchy;
  }

  private static final class Hierarchies {
    static final List<List<String>> CHARLSON =
        List.of(List.of("msld", "mld"), List.of("diabwc", "diab"), List.of("metacanc", "canc"));
    static final List<List<String>> ELIXHAUSER =
        List.of(List.of("diabc", "diabunc"), List.of("hypc", "hypunc"), List.of("metacanc", "solidtum"));
  }
}
