package org.carelake.transforms.identity;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * Compares one aspect of two person records and says how they relate, as the index of a level. Level 0 means the
 * comparison cannot be made (a value is missing on either side, or the comparison does not apply) and is no
 * evidence either way; higher levels go from the closest agreement to disagreement.
 *
 * <p>Beyond the levels, a comparison tells {@link LinkDecision} and {@link FellegiSunterModel} what a level means
 * for the rules that hold whatever the weights: whether it corroborates identity independently of name, birth date
 * and sex; whether it rules out an automatic link; and which other comparisons' agreement it explains away.
 */
public interface Comparison extends Serializable {
  /** A short snake_case name, unique within a {@link ComparisonSet}. */
  String name();

  /** The levels, index 0 being "missing"; each with its default m and u. */
  List<Level> levels();

  /** The level of this pair: an index into {@link #levels}. */
  int level(PersonRecord a, PersonRecord b);

  /** The level names, index 0 first. */
  default List<String> levelNames() {
    return levels().stream().map(Level::name).toList();
  }

  /**
   * Whether agreement at this level is an identifier, address or contact agreement: evidence that is not name,
   * birth date or sex, which a pair needs before it may link automatically.
   */
  default boolean corroborates(int level) {
    return false;
  }

  /** Whether this level forbids an automatic link however strong the rest is (differing SSNs). */
  default boolean forbidsAutoLink(int level) {
    return false;
  }

  /**
   * Comparisons whose agreement this level explains away: when it holds, agreement of those comparisons is as
   * likely for two different people as for one person (twins share a birth date; a parent and child share an
   * address), so the model counts their positive weight as 0. Disagreement still counts.
   */
  default Set<String> explainsAway(int level) {
    return Set.of();
  }

  /**
   * Whether EM may re-estimate this comparison's m and u. The interaction comparisons say no: they exist because
   * conditional independence fails for them, so EM, which assumes it, cannot estimate them.
   */
  default boolean estimable() {
    return true;
  }
}
