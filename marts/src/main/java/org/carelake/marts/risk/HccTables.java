package org.carelake.marts.risk;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One CMS-HCC table set for one model version: ICD-10-CM to CC (one code may give several CCs), the age/sex edits,
 * the hierarchy rules in CMS order, the coefficients by full variable name (CNA_HCC18) and the HCC labels.
 */
record HccTables(Map<String, List<Integer>> ccsByCode, Map<String, List<HccDxEdit>> editsByCode,
    List<HccHierarchyRule> hierarchy, Map<String, Double> coefficients, Map<Integer, String> labels)
    implements Serializable {

  HccTables {
    ccsByCode = Map.copyOf(ccsByCode);
    editsByCode = Map.copyOf(editsByCode);
    hierarchy = List.copyOf(hierarchy);
    coefficients = Map.copyOf(coefficients);
    labels = Map.copyOf(labels);
  }
}
