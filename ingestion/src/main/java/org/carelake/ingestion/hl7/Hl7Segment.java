package org.carelake.ingestion.hl7;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One segment, split into fields lazily per access. Field numbers are those of the standard: {@code PID-5} is
 * {@code field(5)}; in MSH, {@code field(1)} is the field separator and {@code field(2)} the encoding characters.
 * Values come back unescaped; HL7's explicit null {@code ""} comes back as null, like an empty value.
 */
public final class Hl7Segment implements Serializable {
  private final String name;
  private final String text;
  private final Hl7Encoding enc;
  /** Split on first use: most segments of most messages are never looked into (bronze reads only MSH). */
  private String[] fields;

  Hl7Segment(String text, Hl7Encoding enc) {
    this.text = text;
    this.enc = enc;
    int bar = text.indexOf(enc.field());
    this.name = bar < 0 ? text : text.substring(0, bar);
  }

  private String[] fields() {
    if (fields == null) {
      fields = split();
    }
    return fields;
  }

  private String[] split() {
    int bar = name.length() < text.length() ? name.length() : -1;
    boolean header = name.equals("MSH") || name.equals("BHS") || name.equals("FHS");
    List<String> out = new ArrayList<>();
    out.add(name);
    if (bar >= 0) {
      int start = bar + 1;
      if (header) {
        out.add(String.valueOf(enc.field()));
      }
      while (true) {
        int next = text.indexOf(enc.field(), start);
        out.add(text.substring(start, next < 0 ? text.length() : next));
        if (next < 0) {
          break;
        }
        start = next + 1;
      }
    }
    return out.toArray(new String[0]);
  }

  public String name() {
    return name;
  }

  /** The segment as received. */
  public String text() {
    return text;
  }

  /** Number of fields present (the highest field number + 1 counting the name as 0). */
  public int size() {
    return fields().length;
  }

  /** A field's raw text (escapes and delimiters intact), "" when absent. */
  public String raw(int field) {
    String[] f = fields();
    return field < f.length ? f[field] : "";
  }

  /** The field's repetitions (one, possibly empty, when the field is not repeated). */
  public List<Hl7Field> repetitions(int field) {
    String raw = raw(field);
    List<Hl7Field> out = new ArrayList<>();
    if (raw.isEmpty()) {
      return out;
    }
    if (name.equals("MSH") && field <= 2) {
      out.add(new Hl7Field(raw, null));
      return out;
    }
    int start = 0;
    while (true) {
      int next = raw.indexOf(enc.repetition(), start);
      out.add(new Hl7Field(raw.substring(start, next < 0 ? raw.length() : next), enc));
      if (next < 0) {
        return out;
      }
      start = next + 1;
    }
  }

  /** The first repetition of a field; an empty one when absent. */
  public Hl7Field field(int field) {
    List<Hl7Field> reps = repetitions(field);
    return reps.isEmpty() ? new Hl7Field("", enc) : reps.get(0);
  }

  /** {@code get(5)} = PID-5 (first repetition, first component, unescaped); null when empty. */
  public String get(int field) {
    return field(field).get(1);
  }

  public String get(int field, int component) {
    return field(field).get(component);
  }

  public String get(int field, int component, int subcomponent) {
    return field(field).get(component, subcomponent);
  }

  @Override
  public String toString() {
    return text;
  }
}
