package org.carelake.transforms.identity;

/** Keying errors between two strings of equal length: one character wrong, or two neighbours swapped. */
final class Typos {
  private Typos() {}

  static boolean oneKeyingError(String a, String b) {
    if (a.length() != b.length() || a.equals(b)) {
      return false;
    }
    int first = -1;
    int count = 0;
    for (int i = 0; i < a.length(); i++) {
      if (a.charAt(i) != b.charAt(i)) {
        if (count++ == 0) {
          first = i;
        }
      }
    }
    if (count == 1) {
      return true;
    }
    return count == 2 && first + 1 < a.length() && a.charAt(first) == b.charAt(first + 1)
        && a.charAt(first + 1) == b.charAt(first) && a.charAt(first) != a.charAt(first + 1);
  }
}
