package org.carelake.transforms.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.carelake.ingestion.hl7.Hl7Field;

/**
 * XCN -> a Reference to a Practitioner. A person with an id number (XCN-1) becomes a Practitioner resource (once per
 * message; id from the identifier, see {@link V2Ids#practitioner}) with identifier and name; one without is a
 * display-only reference. The identifier's system is the NPI system when XCN-13 says NPI, else the assigning
 * authority XCN-9.
 */
final class Practitioners {
  static final String NPI = "http://hl7.org/fhir/sid/us-npi";

  private Practitioners() {}

  static ObjectNode reference(MessageContext ctx, Hl7Field xcn) {
    if (xcn == null) {
      return null;
    }
    String value = Fields.text(xcn, 1);
    ObjectNode name = HumanNames.person(xcn, 2);
    String display = HumanNames.display(name);
    if (value == null) {
      return display == null ? null : Json.put(Json.object(), "display", display);
    }
    String type = Fields.text(xcn, 13);
    String system = "NPI".equalsIgnoreCase(type) ? NPI : Identifiers.hdSystem(xcn, 9);
    String id = V2Ids.practitioner(system, value);
    if (!ctx.emitted("Practitioner", id)) {
      ObjectNode body = Json.object();
      Json.add(body, "identifier", Identifiers.of(system, value, type));
      Json.add(body, "name", name);
      ctx.emit("Practitioner", id, null, body);
    }
    ObjectNode ref = Json.reference("Practitioner", id);
    Json.put(ref, "display", display);
    return ref;
  }
}
