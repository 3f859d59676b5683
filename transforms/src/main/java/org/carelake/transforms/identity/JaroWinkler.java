package org.carelake.transforms.identity;

/**
 * Jaro-Winkler similarity (Winkler 1990): the Jaro score raised by 0.1 per character of common prefix, at most four,
 * once the Jaro score exceeds 0.7 (Winkler's boost threshold). 1 for equal strings, 0 when either is empty or null.
 */
public final class JaroWinkler {
  private static final double PREFIX_SCALE = 0.1;
  private static final int MAX_PREFIX = 4;
  private static final double BOOST_THRESHOLD = 0.7;

  private JaroWinkler() {}

  public static double similarity(String a, String b) {
    double jaro = jaro(a, b);
    if (jaro <= BOOST_THRESHOLD) {
      return jaro;
    }
    int limit = Math.min(MAX_PREFIX, Math.min(a.length(), b.length()));
    int prefix = 0;
    while (prefix < limit && a.charAt(prefix) == b.charAt(prefix)) {
      prefix++;
    }
    return jaro + prefix * PREFIX_SCALE * (1 - jaro);
  }

  /** Plain Jaro similarity: matches within half the longer length, transpositions halved. */
  public static double jaro(String a, String b) {
    if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    if (a.equals(b)) {
      return 1;
    }
    int window = Math.max(0, Math.max(a.length(), b.length()) / 2 - 1);
    boolean[] aMatched = new boolean[a.length()];
    boolean[] bMatched = new boolean[b.length()];
    int matches = 0;
    for (int i = 0; i < a.length(); i++) {
      int from = Math.max(0, i - window);
      int to = Math.min(b.length() - 1, i + window);
      for (int j = from; j <= to; j++) {
        if (!bMatched[j] && a.charAt(i) == b.charAt(j)) {
          aMatched[i] = true;
          bMatched[j] = true;
          matches++;
          break;
        }
      }
    }
    if (matches == 0) {
      return 0;
    }
    int halfTranspositions = 0;
    int j = 0;
    for (int i = 0; i < a.length(); i++) {
      if (aMatched[i]) {
        while (!bMatched[j]) {
          j++;
        }
        if (a.charAt(i) != b.charAt(j)) {
          halfTranspositions++;
        }
        j++;
      }
    }
    double m = matches;
    return (m / a.length() + m / b.length() + (m - halfTranspositions / 2.0) / m) / 3;
  }
}
