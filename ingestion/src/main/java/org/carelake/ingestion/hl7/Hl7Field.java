package org.carelake.ingestion.hl7;

import java.io.Serializable;

/** One repetition of a field: components and subcomponents by their 1-based numbers, unescaped. */
public final class Hl7Field implements Serializable {
  private final String raw;
  private final Hl7Encoding enc;

  Hl7Field(String raw, Hl7Encoding enc) {
    this.raw = raw;
    this.enc = enc;
  }

  public String raw() {
    return raw;
  }

  public boolean isEmpty() {
    return raw.isEmpty() || raw.equals("\"\"");
  }

  /** The whole repetition as text: its first component when it has no others. */
  public String value() {
    return get(1);
  }

  public String get(int component) {
    return get(component, 0);
  }

  /** Component {@code component}, subcomponent {@code sub} (0 = the whole component); null when empty. */
  public String get(int component, int sub) {
    if (enc == null) {
      return component == 1 ? emptyToNull(raw) : null;
    }
    String c = piece(raw, enc.component(), component);
    if (c != null && sub > 0) {
      c = piece(c, enc.subcomponent(), sub);
    }
    if (c == null || c.isEmpty() || c.equals("\"\"")) {
      return null;
    }
    String v = enc.unescape(c);
    return v.isEmpty() ? null : v;
  }

  /** Number of components present. */
  public int components() {
    if (raw.isEmpty() || enc == null) {
      return raw.isEmpty() ? 0 : 1;
    }
    int n = 1;
    for (int i = 0; i < raw.length(); i++) {
      if (raw.charAt(i) == enc.component()) {
        n++;
      }
    }
    return n;
  }

  private static String piece(String s, char sep, int n) {
    int start = 0;
    for (int i = 1; i < n; i++) {
      int next = s.indexOf(sep, start);
      if (next < 0) {
        return null;
      }
      start = next + 1;
    }
    int end = s.indexOf(sep, start);
    return s.substring(start, end < 0 ? s.length() : end);
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  @Override
  public String toString() {
    return raw;
  }
}
