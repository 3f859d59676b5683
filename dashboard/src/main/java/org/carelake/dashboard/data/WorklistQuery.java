package org.carelake.dashboard.data;

/**
 * The worklist's filters and order as the user chose them. Values are only ever compared as literals (never put into
 * SQL text); an unknown sort falls back to risk.
 */
public record WorklistQuery(String measure, String cohort, Sort sort) {
  /** Highest risk first (then earliest due), or earliest due first (then highest risk). */
  public enum Sort {
    RISK, DUE;

    public static Sort parse(String s) {
      return "due".equals(s) ? DUE : RISK;
    }
  }

  public WorklistQuery {
    measure = blankToNull(measure);
    cohort = blankToNull(cohort);
    sort = sort == null ? Sort.RISK : sort;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
