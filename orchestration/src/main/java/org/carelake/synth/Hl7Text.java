package org.carelake.synth;

/**
 * Text as it goes into an HL7 v2 field under the default delimiters {@code |^~\&}: values escaped, composites joined.
 */
final class Hl7Text {
  private Hl7Text() {}

  /**
   * Escapes the delimiters ({@code \F\ \S\ \T\ \R\ \E\}). Line breaks and other control characters become spaces: a
   * CR or LF would end the segment, and 0x0B/0x1C would break MLLP framing.
   */
  static String escape(String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\E\\");
        case '|' -> b.append("\\F\\");
        case '^' -> b.append("\\S\\");
        case '&' -> b.append("\\T\\");
        case '~' -> b.append("\\R\\");
        default -> b.append(c < 0x20 || c == 0x7F ? ' ' : c);
      }
    }
    return b.toString();
  }

  /** Components escaped and joined with {@code ^}; trailing empty components are left off. */
  static String composite(String... components) {
    return join('^', components);
  }

  private static String join(char sep, String[] parts) {
    int last = parts.length - 1;
    while (last >= 0 && (parts[last] == null || parts[last].isEmpty())) {
      last--;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i <= last; i++) {
      if (i > 0) {
        b.append(sep);
      }
      b.append(escape(parts[i]));
    }
    return b.toString();
  }
}
