package org.carelake.transforms.terminology;

import java.util.Locale;

/** Small string helpers shared by the validators. */
final class Codes {
  private Codes() {}

  /** The code without surrounding blanks, or null when there is nothing left. */
  static String strip(String code) {
    if (code == null) {
      return null;
    }
    String s = code.strip();
    return s.isEmpty() ? null : s;
  }

  static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }

  static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
