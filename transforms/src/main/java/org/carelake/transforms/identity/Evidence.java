package org.carelake.transforms.identity;

import java.io.Serializable;
import java.util.List;

/**
 * Why a pair scored as it did: the total match weight, the posterior probability, the prior weight
 * log2(lambda / (1 - lambda)), and one item per comparison, the largest partial weight in magnitude first.
 */
public record Evidence(double weight, double probability, double priorWeight, List<Item> items)
    implements Serializable {

  public Evidence {
    items = List.copyOf(items);
  }

  /**
   * One comparison's part: its level, the weight it contributed, the weight log2(m/u) of its level before
   * explaining away, and the comparison that explained it away (null when none did).
   */
  public record Item(String comparison, int level, String levelName, double weight, double levelWeight,
      String explainedAwayBy) implements Serializable {}

  /** The item of a comparison; an exception when there is none. */
  public Item item(String comparison) {
    return items.stream().filter(i -> i.comparison().equals(comparison)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no comparison named " + comparison));
  }

  /** A few lines for an analyst: the total, then each comparison that carried evidence. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(String.format("weight %+.2f, probability %.6f (prior weight %+.2f)",
        weight, probability, priorWeight));
    for (Item i : items) {
      if (i.level() == 0) {
        continue;
      }
      out.append(String.format("%n  %+7.2f  %s: %s", i.weight(), i.comparison(), i.levelName()));
      if (i.explainedAwayBy() != null) {
        out.append(String.format(" (%+.2f explained away by %s)", i.levelWeight(), i.explainedAwayBy()));
      }
    }
    return out.toString();
  }
}
