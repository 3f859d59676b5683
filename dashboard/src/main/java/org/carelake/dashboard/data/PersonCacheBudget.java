package org.carelake.dashboard.data;

import java.util.Locale;

/**
 * How much heap Patient 360's in-memory tables may take ({@code dashboard.person-cache.max-bytes}, else
 * {@code -Dcarelake.dashboard.person-cache.max-bytes}, else a quarter of the JVM's maximum heap). Tables beyond it
 * are read through Spark.
 */
public final class PersonCacheBudget {
  public static final String KEY = "dashboard.person-cache.max-bytes";
  public static final String PROPERTY = "carelake." + KEY;

  private PersonCacheBudget() {}

  /** The configured value (may be null), else the system property, else a quarter of the maximum heap. */
  public static long resolve(String configured) {
    String v = configured != null && !configured.isBlank() ? configured : System.getProperty(PROPERTY);
    return v == null || v.isBlank() ? defaultMaxBytes() : parse(v);
  }

  public static long defaultMaxBytes() {
    return Runtime.getRuntime().maxMemory() / 4;
  }

  /** Bytes, or a number with k, m or g (powers of 1024): {@code 2g}, {@code 512m}. */
  public static long parse(String v) {
    String s = v.strip().toLowerCase(Locale.ROOT);
    long unit = 1;
    char last = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
    if (last == 'k' || last == 'm' || last == 'g') {
      unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
      s = s.substring(0, s.length() - 1).strip();
    }
    try {
      long n = Long.parseLong(s);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return Math.multiplyExact(n, unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(KEY + ": not a size in bytes (e.g. 2g, 512m): " + v);
    }
  }
}
