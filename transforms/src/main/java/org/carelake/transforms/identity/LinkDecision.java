package org.carelake.transforms.identity;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a pair's match probability into LINK (at least the upper threshold), REVIEW (at least the lower) or
 * NO_LINK, then applies the guard rules, which hold whatever the weights and turn a LINK into a REVIEW:
 *
 * <ul>
 *   <li>A pair must agree on something besides name, birth date and sex: an identifier, address, phone, e-mail
 *       or postal code (the levels for which {@link Comparison#corroborates} holds). Many distinct people share a
 *       name, birth date and sex (the eCQM test patients among them), so those alone never link automatically.
 *       An agreement that a level explains away (a twin's shared address) does not count.
 *   <li>No comparison may be at a level that forbids an automatic link ({@link Comparison#forbidsAutoLink}):
 *       two SSNs that are both present and differ; a multiple birth with different given names or birth orders;
 *       birth dates that no keying slip explains; given names that share nothing. The same rule holds for links
 *       on a shared identifier ({@link IdentifierLinkCheck}): an identifier on two such records is an overlay.
 * </ul>
 */
public final class LinkDecision implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final double DEFAULT_UPPER = 0.99;
  public static final double DEFAULT_LOWER = 0.50;

  private final ComparisonSet comparisons;
  private final double upper;
  private final double lower;

  /**
   * @param upper probability from which a pair links
   * @param lower probability from which a pair goes to review
   */
  public LinkDecision(ComparisonSet comparisons, double upper, double lower) {
    if (!(lower >= 0 && lower <= upper && upper <= 1)) {
      throw new IllegalArgumentException("need 0 <= lower <= upper <= 1, not " + lower + ", " + upper);
    }
    this.comparisons = comparisons;
    this.upper = upper;
    this.lower = lower;
  }

  /** Thresholds 0.99 (link) and 0.50 (review). */
  public static LinkDecision defaults(ComparisonSet comparisons) {
    return new LinkDecision(comparisons, DEFAULT_UPPER, DEFAULT_LOWER);
  }

  /** Thresholds given as match weights, turned into probabilities with the prior lambda. */
  public static LinkDecision ofWeights(ComparisonSet comparisons, double upperWeight, double lowerWeight,
      double lambda) {
    return new LinkDecision(comparisons, FellegiSunterModel.probability(upperWeight, lambda),
        FellegiSunterModel.probability(lowerWeight, lambda));
  }

  public double upper() {
    return upper;
  }

  public double lower() {
    return lower;
  }

  /** The outcome for a comparison vector and its match probability. */
  public LinkOutcome decide(int[] levels, double probability) {
    LinkOutcome byScore = probability >= upper ? LinkOutcome.LINK
        : probability >= lower ? LinkOutcome.REVIEW : LinkOutcome.NO_LINK;
    return byScore == LinkOutcome.LINK && guard(levels).isPresent() ? LinkOutcome.REVIEW : byScore;
  }

  /** Why the comparison vector may not link automatically, if a guard rule forbids it. */
  public Optional<String> guard(int[] levels) {
    Optional<String> forbidden = forbidden(levels);
    if (forbidden.isPresent()) {
      return forbidden;
    }
    Set<String> explained = new HashSet<>();
    for (int c = 0; c < levels.length; c++) {
      explained.addAll(comparisons.get(c).explainsAway(levels[c]));
    }
    for (int c = 0; c < levels.length; c++) {
      Comparison comparison = comparisons.get(c);
      if (comparison.corroborates(levels[c]) && !explained.contains(comparison.name())) {
        return Optional.empty();
      }
    }
    return Optional.of("no identifier, address, phone, e-mail or postal code agrees");
  }

  /** The levels that forbid any automatic link (probabilistic or on a shared identifier), if some do. */
  public Optional<String> forbidden(int[] levels) {
    if (levels.length != comparisons.size()) {
      throw new IllegalArgumentException("expected " + comparisons.size() + " levels, got " + levels.length);
    }
    List<String> forbidding = new ArrayList<>();
    for (int c = 0; c < levels.length; c++) {
      Comparison comparison = comparisons.get(c);
      if (comparison.forbidsAutoLink(levels[c])) {
        forbidding.add(comparison.name() + ": " + comparison.levelNames().get(levels[c]));
      }
    }
    return forbidding.isEmpty() ? Optional.empty() : Optional.of("forbidden by " + String.join(", ", forbidding));
  }
}
