package org.carelake.transforms.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.carelake.ingestion.hl7.Hl7Field;
import org.carelake.ingestion.hl7.Hl7Time;

/**
 * XPN -> HumanName: family XPN-1, given XPN-2 and XPN-3, suffix XPN-4 (and degree XPN-6, professional suffix
 * XPN-14), prefix XPN-5, use from the name type XPN-7 (table 0200, see vocabulary.tsv; no use when unmapped), period
 * from XPN-12/13 or the validity range XPN-10.
 */
final class HumanNames {
  private HumanNames() {}

  static ObjectNode xpn(Hl7Field f) {
    if (f == null) {
      return null;
    }
    ObjectNode n = Json.object();
    Json.put(n, "use", Vocabulary.code("name-use", Fields.text(f, 7)));
    Json.put(n, "family", Fields.text(f, 1));
    add(n, "given", Fields.text(f, 2));
    add(n, "given", Fields.text(f, 3));
    add(n, "prefix", Fields.text(f, 5));
    add(n, "suffix", Fields.text(f, 4));
    add(n, "suffix", Fields.text(f, 6));
    add(n, "suffix", Fields.text(f, 14));
    ObjectNode period = Json.object();
    Json.put(period, "start", Hl7Time.fhirDate(Fields.firstNonNull(Fields.text(f, 12), Fields.text(f, 10, 1))));
    Json.put(period, "end", Hl7Time.fhirDate(Fields.firstNonNull(Fields.text(f, 13), Fields.text(f, 10, 2))));
    Json.set(n, "period", period);
    boolean named = n.has("family") || n.has("given");
    return named ? n : null;
  }

  /** XCN-style name parts (family, given, middle, suffix, prefix, degree) starting at component {@code from}. */
  static ObjectNode person(Hl7Field f, int from) {
    ObjectNode n = Json.object();
    Json.put(n, "family", Fields.text(f, from));
    add(n, "given", Fields.text(f, from + 1));
    add(n, "given", Fields.text(f, from + 2));
    add(n, "prefix", Fields.text(f, from + 4));
    add(n, "suffix", Fields.text(f, from + 3));
    add(n, "suffix", Fields.text(f, from + 5));
    return n.has("family") || n.has("given") ? n : null;
  }

  /** "Given Middle Family" for a Reference.display. */
  static String display(ObjectNode name) {
    if (name == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    name.path("given").forEach(g -> sb.append(g.asText()).append(' '));
    sb.append(name.path("family").asText(""));
    return Fields.trim(sb.toString());
  }

  private static void add(ObjectNode n, String key, String value) {
    if (value != null) {
      Json.add(n, key, Json.NODES.textNode(value));
    }
  }
}
