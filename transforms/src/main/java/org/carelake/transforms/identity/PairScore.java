package org.carelake.transforms.identity;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A scored pair: its comparison vector, match weight and probability, the outcome, and the guard rule that held
 * the outcome back from LINK or would have (null when none applies).
 */
public record PairScore(int[] levels, double weight, double probability, LinkOutcome outcome, String guard)
    implements Serializable {
  public PairScore {
    levels = levels.clone();
  }

  @Override
  public int[] levels() {
    return levels.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PairScore p && Arrays.equals(levels, p.levels) && weight == p.weight
        && probability == p.probability && outcome == p.outcome && Objects.equals(guard, p.guard);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(levels) * 31 + outcome.hashCode();
  }

  @Override
  public String toString() {
    return String.format("PairScore(levels=%s, weight=%.2f, probability=%.6f, %s%s)", Arrays.toString(levels),
        weight, probability, outcome, guard == null ? "" : ", guard: " + guard);
  }
}
