package org.carelake.dashboard.web;

/** CSV fields (RFC 4180), with spreadsheet formula injection defused (a leading = + - @ gets a quote). */
final class Csv {
  private Csv() {}

  static String field(Object o) {
    String s = o == null ? "" : String.valueOf(o);
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !s.matches("-?[0-9.]+")) {
      s = "'" + s;
    }
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      s = "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
