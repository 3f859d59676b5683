package org.carelake.marts.risk;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** What every model returns, so a care manager can see the number and why. */
public interface RiskScore extends Serializable {
  /** The model's score: CMS-HCC raw risk score, Charlson index, Elixhauser index. */
  double score();

  /** The conditions that counted, after hierarchies: HCCs (HCC18) or comorbidity categories (chf). */
  List<String> conditions();

  /** Each variable that entered the score and what it added, in a stable order; zero terms are kept. */
  Map<String, Double> components();
}
