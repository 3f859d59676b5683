package org.carelake.transforms.identity;

import java.io.Serializable;

/**
 * One outcome of a {@link Comparison}, with its default m (probability of the outcome for a true match) and u
 * (for a non-match), the starting values of estimation and the parameters of the hand-set model.
 */
public record Level(String name, double m, double u) implements Serializable {
  public Level {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a level needs a name");
    }
    if (!(m > 0 && m <= 1) || !(u > 0 && u <= 1)) {
      throw new IllegalArgumentException("level " + name + ": m and u must be in (0, 1], not " + m + ", " + u);
    }
  }

  /** The missing level (index 0): neutral, m = u = 1 so that its weight log2(m/u) is 0. */
  public static Level missing(String name) {
    return new Level(name, 1, 1);
  }
}
