package org.carelake.transforms.identity;

import java.util.List;

/** A comparison with a fixed name and level table; subclasses decide the level of a pair. */
abstract class AbstractComparison implements Comparison {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final List<Level> levels;

  AbstractComparison(String name, Level... levels) {
    this.name = name;
    this.levels = List.of(levels);
    if (levels.length < 2 || levels[0].m() != 1 || levels[0].u() != 1) {
      throw new IllegalArgumentException(name + ": level 0 must be the neutral missing level, and one more needed");
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Level> levels() {
    return levels;
  }

  @Override
  public String toString() {
    return name;
  }
}
