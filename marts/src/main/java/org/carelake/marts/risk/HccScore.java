package org.carelake.marts.risk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CMS-HCC result. {@code rawScore} is the sum of {@code components} (hccpy's risk_score); {@code adjustedScore}
 * applies the coding-intensity and normalization factors (risk_score_adj). {@code hccs} are the payment HCCs after
 * edits and hierarchies; {@code ccsByDiagnosis} shows which codes gave which CCs before the hierarchy.
 */
public record HccScore(HccVersion version, HccSegment segment, double rawScore, double adjustedScore,
    List<String> hccs, Map<String, List<String>> ccsByDiagnosis, Map<String, Double> components)
    implements RiskScore {

  public HccScore {
    hccs = List.copyOf(hccs);
    ccsByDiagnosis = Collections.unmodifiableMap(new LinkedHashMap<>(ccsByDiagnosis));
    components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
  }

  @Override
  public double score() {
    return rawScore;
  }

  @Override
  public List<String> conditions() {
    return hccs;
  }
}
