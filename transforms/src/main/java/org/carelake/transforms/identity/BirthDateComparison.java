package org.carelake.transforms.identity;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Birth date: exact; day and month swapped (US and European order confused: 1984-03-07 and 1984-07-03); a keying
 * slip in one of year, month or day (one digit wrong, two neighbouring digits swapped: 1978 and 1987, or off by
 * one), or one day apart across a month end; same year and month only; different.
 */
public final class BirthDateComparison extends AbstractComparison {
  private static final long serialVersionUID = 1L;
  public static final int MISSING = 0;
  public static final int EXACT = 1;
  public static final int DAY_MONTH_SWAPPED = 2;
  public static final int TYPO = 3;
  public static final int SAME_YEAR_MONTH = 4;
  public static final int DIFFERENT = 5;

  public BirthDateComparison() {
    super("birth_date",
        Level.missing("missing"),
        new Level("exact", 0.93, 0.00005),
        new Level("day and month swapped", 0.01, 0.000005),
        new Level("one typo or off by one", 0.04, 0.0006),
        new Level("same year and month", 0.005, 0.001),
        new Level("different", 0.015, 0.998345));
  }

  @Override
  public int level(PersonRecord a, PersonRecord b) {
    return levelOf(a.birthDate(), b.birthDate());
  }

  static int levelOf(LocalDate a, LocalDate b) {
    if (a == null || b == null) {
      return MISSING;
    }
    if (a.equals(b)) {
      return EXACT;
    }
    boolean sameYear = a.getYear() == b.getYear();
    if (sameYear && a.getDayOfMonth() == b.getMonthValue() && a.getMonthValue() == b.getDayOfMonth()) {
      return DAY_MONTH_SWAPPED;
    }
    if (Math.abs(ChronoUnit.DAYS.between(a, b)) == 1) {
      return TYPO;
    }
    boolean sameMonth = a.getMonthValue() == b.getMonthValue();
    boolean sameDay = a.getDayOfMonth() == b.getDayOfMonth();
    if (sameMonth && sameDay) {
      return slip(a.getYear(), b.getYear(), 4) ? TYPO : DIFFERENT;
    }
    if (sameYear && sameDay) {
      return slip(a.getMonthValue(), b.getMonthValue(), 2) ? TYPO : DIFFERENT;
    }
    if (sameYear && sameMonth) {
      return slip(a.getDayOfMonth(), b.getDayOfMonth(), 2) ? TYPO : SAME_YEAR_MONTH;
    }
    return DIFFERENT;
  }

  /** Whether the level says the birth dates may be one person's (exact, swapped, or one keying slip). */
  static boolean agrees(int level) {
    return level == EXACT || level == DAY_MONTH_SWAPPED || level == TYPO;
  }

  private static boolean slip(int x, int y, int width) {
    if (Math.abs(x - y) == 1) {
      return true;
    }
    String format = "%0" + width + "d";
    return Typos.oneKeyingError(String.format(format, x), String.format(format, y));
  }

  /**
   * Two birth dates that no keying slip explains forbid an automatic link, even with an identifier in common: one
   * MRN on two people born years apart is an overlay (a chart merged in error), which a steward must see.
   */
  @Override
  public boolean forbidsAutoLink(int level) {
    return level == DIFFERENT;
  }
}
