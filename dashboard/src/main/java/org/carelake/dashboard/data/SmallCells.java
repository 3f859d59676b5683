package org.carelake.dashboard.data;

/**
 * Small-cell suppression of the aggregates analysts see: a count of 1 to 10 people could point at someone, so it is
 * shown as "&lt;11" and rates built on such a denominator are withheld. Zero is shown (it identifies nobody).
 */
public final class SmallCells {
  /** The smallest count shown as is. */
  public static final long MIN_SHOWN = 11;

  private SmallCells() {}

  public static boolean suppressed(long n) {
    return n > 0 && n < MIN_SHOWN;
  }

  public static boolean suppressed(Object n) {
    return n instanceof Number x && suppressed(x.longValue());
  }

  /** The count as text, "&lt;11" when suppressed (escaped by the page like any other value). */
  public static String show(long n) {
    return suppressed(n) ? "<" + MIN_SHOWN : Long.toString(n);
  }
}
