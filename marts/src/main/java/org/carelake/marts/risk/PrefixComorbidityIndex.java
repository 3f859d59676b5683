package org.carelake.marts.risk;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A comorbidity index whose categories are ICD-10 code prefixes (a code counts when it starts with a prefix), with
 * hierarchy pairs and per-category weights. Built once from the shipped tables; immutable and serializable.
 */
public final class PrefixComorbidityIndex implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String MAPPINGS = "comorbidity/comorbidipy/comorbidipy-mappings.tsv";
  private static final String WEIGHTS = "comorbidity/comorbidipy/comorbidity-weights.tsv";

  private final QuanIcd10Index index;
  private final Map<String, List<String>> prefixesByCategory;
  private final Map<String, Double> weights;
  private final Map<String, String> labels;

  private PrefixComorbidityIndex(QuanIcd10Index index, Map<String, List<String>> prefixes,
      Map<String, Double> weights, Map<String, String> labels) {
    this.index = index;
    this.prefixesByCategory = Map.copyOf(prefixes);
    this.weights = Map.copyOf(weights);
    this.labels = Map.copyOf(labels);
  }

  public static PrefixComorbidityIndex load(QuanIcd10Index index) {
    Map<String, List<String>> prefixes = new LinkedHashMap<>();
    for (String line : RiskResources.lines(MAPPINGS)) {
      String[] f = line.split("\t");
      if (f.length == 3 && f[0].equals(index.mapping())) {
        prefixes.computeIfAbsent(f[1], k -> new ArrayList<>()).add(Icd10Codes.normalize(f[2]));
      }
    }
    Map<String, Double> weights = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    for (String line : RiskResources.lines(WEIGHTS)) {
      String[] f = line.split("\t");
      if (!line.startsWith("#") && f.length == 5 && f[0].equals(index.family()) && f[1].equals(index.weighting())) {
        weights.put(f[2], Double.valueOf(f[3]));
        labels.put(f[2], f[4]);
      }
    }
    if (prefixes.isEmpty() || !prefixes.keySet().equals(weights.keySet())) {
      throw new IllegalStateException(index + ": categories " + prefixes.keySet() + " vs weights " + weights.keySet());
    }
    return new PrefixComorbidityIndex(index, prefixes, weights, labels);
  }

  public QuanIcd10Index index() {
    return index;
  }

  /** The category's name as Quan et al. give it, e.g. "Congestive heart failure" for chf. */
  public String label(String category) {
    return labels.get(category);
  }

  public ComorbidityScore score(List<String> diagnosisCodes) {
    Map<String, List<String>> codesByCategory = new TreeMap<>();
    for (String code : Icd10Codes.normalizeAll(diagnosisCodes)) {
      prefixesByCategory.forEach((category, prefixes) -> {
        if (prefixes.stream().anyMatch(code::startsWith)) {
          codesByCategory.computeIfAbsent(category, k -> new ArrayList<>()).add(code);
        }
      });
    }
    List<String> present = new ArrayList<>(codesByCategory.keySet());
    for (List<String> pair : index.hierarchy()) {
      if (present.contains(pair.get(0))) {
        present.remove(pair.get(1));
      }
    }
    Map<String, Double> components = new LinkedHashMap<>();
    double score = 0;
    for (String category : present) {
      components.put(category, weights.get(category));
      score += weights.get(category);
    }
    return new ComorbidityScore(index.toString(), score, present, components, codesByCategory);
  }
}
