package org.carelake.transforms.identity;

import java.io.Serializable;

/**
 * Everything a Spark task needs to score candidate pairs, in one serializable object: the comparisons, the model
 * and the link decision.
 */
public final class IdentityScorer implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ComparisonSet comparisons;
  private final FellegiSunterModel model;
  private final LinkDecision decision;

  public IdentityScorer(ComparisonSet comparisons, FellegiSunterModel model, LinkDecision decision) {
    if (!comparisons.names().equals(model.names())) {
      throw new IllegalArgumentException("the model's comparisons " + model.names() + " are not the set's "
          + comparisons.names());
    }
    for (int c = 0; c < comparisons.size(); c++) {
      if (comparisons.get(c).levels().size() != model.levelNames(c).size()) {
        throw new IllegalArgumentException(model.name(c) + ": the model has " + model.levelNames(c).size()
            + " levels, the comparison " + comparisons.get(c).levels().size());
      }
    }
    this.comparisons = comparisons;
    this.model = model;
    this.decision = decision;
  }

  /** The standard comparisons with their default m and u, prior lambda, and the default thresholds. */
  public static IdentityScorer standard(double lambda) {
    ComparisonSet set = ComparisonSet.standard();
    return new IdentityScorer(set, set.defaultModel(lambda), LinkDecision.defaults(set));
  }

  public ComparisonSet comparisons() {
    return comparisons;
  }

  public FellegiSunterModel model() {
    return model;
  }

  public LinkDecision decision() {
    return decision;
  }

  public PairScore score(PersonRecord a, PersonRecord b) {
    int[] levels = comparisons.levels(a, b);
    double weight = model.weight(levels);
    double probability = FellegiSunterModel.probability(weight, model.lambda());
    return new PairScore(levels, weight, probability, decision.decide(levels, probability),
        decision.guard(levels).orElse(null));
  }

  public Evidence explain(PersonRecord a, PersonRecord b) {
    return model.explain(comparisons.levels(a, b));
  }
}
