package org.carelake.transforms.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.carelake.ingestion.hl7.Hl7Field;
import org.carelake.ingestion.hl7.Hl7Segment;

/**
 * CWE / CE / CNE -> CodeableConcept (the v2-to-FHIR CWE[CodeableConcept] map): one coding per triplet that has a
 * code (primary, alternate, second alternate; so a local code and its LOINC stand side by side, in the order sent),
 * the system from the triplet's coding system name (see {@link CodeSystems}); a code without a system name keeps
 * no system. {@code text} is the original text (CWE-9), or the display when nothing is coded.
 */
final class Concepts {
  /** Per triplet: code, display, coding system name, coding system OID, coding system version. */
  private static final int[][] TRIPLETS = {{1, 2, 3, 14, 7}, {4, 5, 6, 17, 8}, {10, 11, 12, 20, 13}};

  private Concepts() {}

  static List<ObjectNode> codings(Hl7Field f, String defaultSystemName) {
    List<ObjectNode> out = new ArrayList<>();
    if (f == null) {
      return out;
    }
    for (int i = 0; i < TRIPLETS.length; i++) {
      int[] t = TRIPLETS[i];
      String code = Fields.text(f, t[0]);
      if (code == null) {
        continue;
      }
      String name = Fields.text(f, t[2]);
      String system = CodeSystems.uri(name == null && i == 0 ? defaultSystemName : name, Fields.text(f, t[3]));
      ObjectNode c = Json.coding(system, code, Fields.text(f, t[1]));
      Json.put(c, "version", Fields.text(f, t[4]));
      out.add(c);
    }
    return out;
  }

  static ObjectNode concept(Hl7Field f) {
    return concept(f, null);
  }

  /** The concept, with {@code defaultSystemName} for a primary code sent without one (DG1-2 in v2.3). */
  static ObjectNode concept(Hl7Field f, String defaultSystemName) {
    if (f == null) {
      return null;
    }
    ObjectNode cc = Json.object();
    List<ObjectNode> codings = codings(f, defaultSystemName);
    Json.addAll(cc, "coding", codings);
    String text = Fields.text(f, 9);
    if (text == null && codings.isEmpty()) {
      text = Fields.firstNonNull(Fields.text(f, 2), Fields.text(f, 5));
    }
    Json.put(cc, "text", text);
    return cc.isEmpty() ? null : cc;
  }

  /** The concept of a field's first repetition. */
  static ObjectNode concept(Hl7Segment s, int field) {
    return concept(Fields.first(s, field));
  }

  /**
   * The concept of a field's first repetition whose codes come from an HL7 table ({@code HL70112}): feeds send the
   * bare code (PV1-36 "01"), the table is implied by the field.
   */
  static ObjectNode concept(Hl7Segment s, int field, String table) {
    return concept(Fields.first(s, field), table);
  }

  /** One concept per repetition. */
  static List<ObjectNode> concepts(Hl7Segment s, int field) {
    return concepts(s, field, null);
  }

  /** One concept per repetition, codes without a system taken from {@code table}. */
  static List<ObjectNode> concepts(Hl7Segment s, int field, String table) {
    List<ObjectNode> out = new ArrayList<>();
    for (Hl7Field f : Fields.reps(s, field)) {
      ObjectNode c = concept(f, table);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  /** The first coding of a field, as a Coding (e.g. Encounter.class). */
  static ObjectNode coding(Hl7Field f) {
    List<ObjectNode> c = codings(f, null);
    return c.isEmpty() ? null : c.get(0);
  }

  /** What identifies the concept in an id key: system and code of the first coding, else its text. */
  static List<String> keyOf(ObjectNode concept) {
    if (concept == null) {
      return List.of("", "");
    }
    var coding = concept.path("coding").path(0);
    if (coding.has("code")) {
      return List.of(coding.path("system").asText(""), coding.path("code").asText());
    }
    return List.of("text", concept.path("text").asText(""));
  }
}
