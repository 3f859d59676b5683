package org.carelake.transforms.hl7;

import java.util.ArrayList;
import java.util.List;
import org.carelake.ingestion.hl7.Hl7Encoding;
import org.carelake.ingestion.hl7.Hl7Field;
import org.carelake.ingestion.hl7.Hl7Segment;

/**
 * Trimmed access to field values. Feeds pad components with spaces (" Not Hispanic", "Ann Arbor ") and put
 * subcomponent separators where none belong; a primitive component is read as its first subcomponent, trimmed,
 * and blank is null.
 */
final class Fields {
  private Fields() {}

  /** Component 1 of the first repetition. */
  static String text(Hl7Segment s, int field) {
    return s == null ? null : text(s.field(field), 1);
  }

  static String text(Hl7Segment s, int field, int component) {
    return s == null ? null : text(s.field(field), component);
  }

  static String text(Hl7Field f, int component) {
    return f == null ? null : trim(f.get(component, 1));
  }

  static String text(Hl7Field f, int component, int sub) {
    return f == null ? null : trim(f.get(component, sub));
  }

  /** A text field (ST, TX, FT) whole: component 1 with any stray subcomponent separators kept as text. */
  static String whole(Hl7Field f) {
    return f == null ? null : trim(f.get(1, 0));
  }

  /**
   * A text value (ST, TX, FT) as sent: the whole repetition unescaped, so that a component separator the sender
   * left in free text stays text instead of cutting it.
   */
  static String text(Hl7Field f, Hl7Encoding enc) {
    return f == null ? null : trim(enc.unescape(f.raw()));
  }

  /** The repetitions of a field that hold something. */
  static List<Hl7Field> reps(Hl7Segment s, int field) {
    List<Hl7Field> out = new ArrayList<>();
    if (s == null) {
      return out;
    }
    for (Hl7Field f : s.repetitions(field)) {
      if (!f.isEmpty() && !f.raw().isBlank()) {
        out.add(f);
      }
    }
    return out;
  }

  /** The first repetition that holds something, or null. */
  static Hl7Field first(Hl7Segment s, int field) {
    List<Hl7Field> r = reps(s, field);
    return r.isEmpty() ? null : r.get(0);
  }

  static String trim(String v) {
    if (v == null) {
      return null;
    }
    String t = v.strip();
    return t.isEmpty() ? null : t;
  }

  /** For id key parts: null as "". */
  static String orEmpty(String s) {
    return s == null ? "" : s.strip();
  }

  static String firstNonNull(String... values) {
    for (String v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
