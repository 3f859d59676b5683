package org.carelake.dashboard.web;

/** JSON strings safe to embed in a {@code <script type="application/json">} block (no "</script>" can close it). */
final class Json {
  private Json() {}

  static String str(Object o) {
    if (o == null) {
      return "null";
    }
    String s = String.valueOf(o);
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  static String num(Double d) {
    return d == null || d.isNaN() || d.isInfinite() ? "null" : d.toString();
  }
}
