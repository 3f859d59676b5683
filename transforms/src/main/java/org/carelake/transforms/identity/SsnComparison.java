package org.carelake.transforms.identity;

/**
 * US social security number: same nine digits; same last four when one side is masked; one keying slip (a digit
 * wrong or two neighbours swapped); different. A shared number is close to proof of identity; any difference
 * between two numbers that are both present forbids an automatic link, a slip included, since a slip and a
 * different person look alike from here.
 */
public final class SsnComparison extends AbstractComparison {
  private static final long serialVersionUID = 1L;
  public static final int MISSING = 0;
  public static final int SAME = 1;
  public static final int SAME_LAST_4 = 2;
  public static final int TYPO = 3;
  public static final int DIFFERENT = 4;

  public SsnComparison() {
    super("ssn",
        Level.missing("missing"),
        new Level("same", 0.96, 0.000001),
        new Level("same last 4", 0.015, 0.0001),
        new Level("one typo", 0.02, 0.00003),
        new Level("different", 0.005, 0.999869));
  }

  @Override
  public int level(PersonRecord a, PersonRecord b) {
    String sa = a.ssn();
    String sb = b.ssn();
    if (sa == null || sb == null) {
      return MISSING;
    }
    if (sa.length() == 4 || sb.length() == 4) {
      return sa.substring(sa.length() - 4).equals(sb.substring(sb.length() - 4)) ? SAME_LAST_4 : DIFFERENT;
    }
    if (sa.equals(sb)) {
      return SAME;
    }
    return Typos.oneKeyingError(sa, sb) ? TYPO : DIFFERENT;
  }

  @Override
  public boolean corroborates(int level) {
    return level == SAME || level == SAME_LAST_4;
  }

  @Override
  public boolean forbidsAutoLink(int level) {
    return level == TYPO || level == DIFFERENT;
  }
}
