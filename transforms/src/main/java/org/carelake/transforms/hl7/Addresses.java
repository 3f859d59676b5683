package org.carelake.transforms.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.carelake.ingestion.hl7.Hl7Field;
import org.carelake.ingestion.hl7.Hl7Time;

/**
 * XAD -> Address: line XAD-1 (street) and XAD-2, city XAD-3, state XAD-4, postal code XAD-5, country XAD-6,
 * district (county) XAD-9, use or type from the address type XAD-7 (table 0190), period from XAD-13/14 or XAD-12.
 */
final class Addresses {
  private Addresses() {}

  static ObjectNode xad(Hl7Field f) {
    if (f == null) {
      return null;
    }
    ObjectNode a = Json.object();
    String kind = Fields.text(f, 7);
    Json.put(a, "use", Vocabulary.code("address-use", kind));
    Json.put(a, "type", Vocabulary.code("address-type", kind));
    line(a, Fields.text(f, 1, 1));
    line(a, Fields.text(f, 2));
    Json.put(a, "city", Fields.text(f, 3));
    Json.put(a, "district", Fields.text(f, 9));
    Json.put(a, "state", Fields.text(f, 4));
    Json.put(a, "postalCode", Fields.text(f, 5));
    Json.put(a, "country", Fields.text(f, 6));
    ObjectNode period = Json.object();
    Json.put(period, "start", Hl7Time.fhirDate(Fields.firstNonNull(Fields.text(f, 13), Fields.text(f, 12, 1))));
    Json.put(period, "end", Hl7Time.fhirDate(Fields.firstNonNull(Fields.text(f, 14), Fields.text(f, 12, 2))));
    Json.set(a, "period", period);
    boolean located = a.has("line") || a.has("city") || a.has("state") || a.has("postalCode") || a.has("country")
        || a.has("district");
    return located ? a : null;
  }

  private static void line(ObjectNode a, String value) {
    if (value != null) {
      Json.add(a, "line", Json.NODES.textNode(value));
    }
  }
}
