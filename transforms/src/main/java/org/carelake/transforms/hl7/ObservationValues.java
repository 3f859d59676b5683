package org.carelake.transforms.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carelake.ingestion.hl7.Hl7Encoding;
import org.carelake.ingestion.hl7.Hl7Field;
import org.carelake.ingestion.hl7.Hl7Segment;

/**
 * OBX-5 -> Observation.value[x] by the value type OBX-2 (v2-to-FHIR OBX map): NM valueQuantity (a number with a
 * comparator, "<0.10", gets the comparator; text that is no number becomes valueString, as sent); SN valueQuantity
 * with comparator, valueRange (separator "-"), valueRatio (":" or "/"), else valueString; CE/CWE/CNE/CF
 * valueCodeableConcept, IS/ID a code without system; ST/TX/FT (and no type) valueString, repetitions joined by line
 * breaks; DT/DTM/TS valueDateTime; TM valueTime; NR valueRange; DR valuePeriod. A date or time that does not parse,
 * and other types (ED, RP, ...), give no value.
 */
final class ObservationValues {
  private static final Pattern TIME = Pattern.compile("(\\d{2})(\\d{2})?(\\d{2})?(\\.\\d{1,6})?");

  private ObservationValues() {}

  static void value(MessageContext ctx, Hl7Segment obx, ObjectNode body) {
    List<Hl7Field> reps = Fields.reps(obx, 5);
    if (reps.isEmpty()) {
      return;
    }
    Hl7Field v = reps.get(0);
    Hl7Field units = Fields.first(obx, 6);
    String type = Fields.text(obx, 2);
    switch (type == null ? "" : type.toUpperCase(Locale.ROOT)) {
      case "NM" -> numeric(body, Fields.whole(v), units);
      case "SN" -> structuredNumeric(body, v, units);
      case "CE", "CWE", "CNE", "CF" -> Json.set(body, "valueCodeableConcept", Concepts.concept(v));
      case "IS", "ID" -> Json.set(body, "valueCodeableConcept", Json.concept(null, Fields.text(v, 1), null));
      case "ST", "TX", "FT", "" -> Json.put(body, "valueString", joined(reps, ctx.msg.encoding()));
      case "DT", "DTM", "TS" -> Json.put(body, "valueDateTime", ctx.dateTime(Fields.text(v, 1)));
      case "TM" -> Json.put(body, "valueTime", time(Fields.text(v, 1)));
      case "NR" -> Json.set(body, "valueRange", range(Quantities.number(Fields.text(v, 1)),
          Quantities.number(Fields.text(v, 2)), units));
      case "DR" -> {
        ObjectNode p = Json.object();
        Json.put(p, "start", ctx.dateTime(Fields.text(v, 1, 1)));
        Json.put(p, "end", ctx.dateTime(Fields.text(v, 2, 1)));
        Json.set(body, "valuePeriod", p);
      }
      default -> { }
    }
  }

  private static void numeric(ObjectNode body, String text, Hl7Field units) {
    ObjectNode q = Quantities.compared(text, units);
    if (q != null) {
      body.set("valueQuantity", q);
    } else {
      Json.put(body, "valueString", text);
    }
  }

  private static void structuredNumeric(ObjectNode body, Hl7Field v, Hl7Field units) {
    String cmp = Fields.text(v, 1);
    String n1 = Fields.text(v, 2);
    String sep = Fields.text(v, 3);
    String n2 = Fields.text(v, 4);
    BigDecimal num1 = Quantities.number(n1);
    BigDecimal num2 = Quantities.number(n2);
    if (n1 == null && sep == null && n2 == null) {
      numeric(body, cmp, units); // sent all in the first component, "<0.10"
    } else if ("<>".equals(cmp)) {
      Json.put(body, "valueString", spaced(v, units));
    } else if ((":".equals(sep) || "/".equals(sep)) && num1 != null && num2 != null) {
      ObjectNode ratio = Json.object();
      ratio.set("numerator", Quantities.quantity(num1, units));
      ratio.set("denominator", Quantities.quantity(num2, units));
      body.set("valueRatio", ratio);
    } else if ("-".equals(sep) && num1 != null && num2 != null) {
      body.set("valueRange", range(num1, num2, units));
    } else if (sep == null && n2 == null && num1 != null && (cmp == null || cmp.matches("=|<=|>=|<|>"))) {
      ObjectNode q = Json.object();
      Json.put(q, "value", num1);
      if (cmp != null && !cmp.equals("=")) {
        q.put("comparator", cmp);
      }
      Quantities.units(q, units);
      body.set("valueQuantity", q);
    } else {
      Json.put(body, "valueString", spaced(v, units));
    }
  }

  /** The SN components and units as text, as the v2-to-FHIR map writes an SN it cannot structure. */
  private static String spaced(Hl7Field v, Hl7Field units) {
    List<String> parts = new ArrayList<>();
    for (int c = 1; c <= 4; c++) {
      String p = Fields.text(v, c);
      if (p != null) {
        parts.add(p);
      }
    }
    String u = units == null ? null : Fields.firstNonNull(Fields.text(units, 2), Fields.text(units, 1));
    if (u != null) {
      parts.add(u);
    }
    return parts.isEmpty() ? null : String.join(" ", parts);
  }

  private static ObjectNode range(BigDecimal low, BigDecimal high, Hl7Field units) {
    ObjectNode r = Json.object();
    Json.set(r, "low", Quantities.quantity(low, units));
    Json.set(r, "high", Quantities.quantity(high, units));
    return r.isEmpty() ? null : r;
  }

  private static String joined(List<Hl7Field> reps, Hl7Encoding enc) {
    List<String> lines = new ArrayList<>();
    for (Hl7Field f : reps) {
      String t = Fields.text(f, enc);
      if (t != null) {
        lines.add(t);
      }
    }
    return lines.isEmpty() ? null : String.join("\n", lines);
  }

  /** v2 TM (HH[MM[SS[.S]]], no offset) -> FHIR time; a time with an offset has no FHIR time form: null. */
  static String time(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = TIME.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    int h = Integer.parseInt(m.group(1));
    int min = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    int s = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    if (h > 23 || min > 59 || s > 59) {
      return null;
    }
    return String.format("%02d:%02d:%02d%s", h, min, s, m.group(4) == null ? "" : m.group(4));
  }
}
