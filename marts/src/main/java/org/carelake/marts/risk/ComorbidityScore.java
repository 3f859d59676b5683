package org.carelake.marts.risk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A comorbidity index result: the weighted sum, the categories that counted after the hierarchy rules, each one's
 * weight, and the diagnosis codes that put each category there (also for categories a hierarchy then dropped).
 */
public record ComorbidityScore(String index, double score, List<String> conditions, Map<String, Double> components,
    Map<String, List<String>> codesByCategory) implements RiskScore {

  public ComorbidityScore {
    conditions = List.copyOf(conditions);
    components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    codesByCategory = Collections.unmodifiableMap(new LinkedHashMap<>(codesByCategory));
  }
}
