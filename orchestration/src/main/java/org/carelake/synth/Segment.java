package org.carelake.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * One outbound segment built field by field, with field numbers as the standard counts them ({@code PID-5} is
 * {@code field(5, ...)}). Values are escaped on the way in; trailing empty fields are left off on the way out.
 */
final class Segment {
  private final String name;
  private final List<String> fields = new ArrayList<>();

  private Segment(String name) {
    this.name = name;
  }

  static Segment of(String name) {
    return new Segment(name);
  }

  String name() {
    return name;
  }

  /** A field of components (escaped here), e.g. {@code field(3, mrn, "", "", "LABMRN", "MR")}. */
  Segment field(int n, String... components) {
    return encoded(n, Hl7Text.composite(components));
  }

  /** A field whose value is already encoded (composites with subcomponents, repetitions). */
  Segment encoded(int n, String value) {
    while (fields.size() < n) {
      fields.add("");
    }
    fields.set(n - 1, value == null ? "" : value);
    return this;
  }

  /**
   * The segment text without terminator. In MSH, field 1 is the field separator itself, so the text goes on from
   * MSH-2.
   */
  String encode() {
    int last = fields.size();
    while (last > 0 && fields.get(last - 1).isEmpty()) {
      last--;
    }
    StringBuilder b = new StringBuilder(name);
    int first = name.equals("MSH") ? 2 : 1;
    for (int i = first; i <= last; i++) {
      b.append('|').append(fields.get(i - 1));
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return encode();
  }
}
