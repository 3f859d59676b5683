package org.carelake.transforms.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carelake.ingestion.hl7.Hl7Field;

/**
 * Numbers and quantities: a value with the units of a CWE (OBX-6, RXE-5, ...): {@code unit} is the units' text (else
 * code), and {@code system}/{@code code} are set only when a triplet of the units names UCUM.
 */
final class Quantities {
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
  private static final Pattern COMPARED = Pattern.compile("(<=|>=|<|>|=)?\\s*([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))");
  private static final Pattern RANGE =
      Pattern.compile("([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))\\s*-\\s*([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))");

  private Quantities() {}

  /** The number in {@code text}, or null unless the whole text is one. */
  static BigDecimal number(String text) {
    if (text == null || !NUMBER.matcher(text.strip()).matches()) {
      return null;
    }
    return new BigDecimal(text.strip());
  }

  static ObjectNode quantity(BigDecimal value, Hl7Field units) {
    if (value == null) {
      return null;
    }
    ObjectNode q = Json.object();
    Json.put(q, "value", value);
    units(q, units);
    return q;
  }

  /** Adds unit, and system/code when UCUM, to a Quantity. */
  static void units(ObjectNode q, Hl7Field units) {
    if (units == null) {
      return;
    }
    Json.put(q, "unit", Fields.firstNonNull(Fields.text(units, 2), Fields.text(units, 1)));
    for (int[] t : new int[][] {{1, 3}, {4, 6}}) {
      if (CodeSystems.isUcum(CodeSystems.uri(Fields.text(units, t[1]))) && Fields.text(units, t[0]) != null) {
        q.put("system", CodeSystems.UCUM);
        q.put("code", Fields.text(units, t[0]));
        return;
      }
    }
  }

  /** "<0.10", ">= 60", "5": a comparator (FHIR's < <= >= >, "=" means none) and a number; null otherwise. */
  static ObjectNode compared(String text, Hl7Field units) {
    if (text == null) {
      return null;
    }
    Matcher m = COMPARED.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    ObjectNode q = Json.object();
    Json.put(q, "value", new BigDecimal(m.group(2)));
    String cmp = m.group(1);
    if (cmp != null && !cmp.equals("=")) {
      q.put("comparator", cmp);
    }
    units(q, units);
    return q;
  }

  /**
   * OBX-7 -> referenceRange: "3.5-5.0" gives low and high, ">60" / ">=60" a low, "<1" / "<=1" a high; the text is
   * always kept, and a range it cannot read is text only.
   */
  static ObjectNode referenceRange(String text, Hl7Field units) {
    if (text == null) {
      return null;
    }
    ObjectNode rr = Json.object();
    String t = text.strip();
    Matcher range = RANGE.matcher(t);
    Matcher bound = COMPARED.matcher(t);
    if (range.matches()) {
      Json.set(rr, "low", quantity(new BigDecimal(range.group(1)), units));
      Json.set(rr, "high", quantity(new BigDecimal(range.group(2)), units));
    } else if (bound.matches() && bound.group(1) != null && !bound.group(1).equals("=")) {
      String side = bound.group(1).startsWith(">") ? "low" : "high";
      Json.set(rr, side, quantity(new BigDecimal(bound.group(2)), units));
    }
    rr.put("text", text.strip());
    return rr;
  }

  static Integer nonNegativeInt(String text) {
    return text != null && text.strip().matches("\\d{1,9}") ? Integer.valueOf(text.strip()) : null;
  }

  static Integer positiveInt(String text) {
    Integer i = nonNegativeInt(text);
    return i != null && i > 0 ? i : null;
  }
}
