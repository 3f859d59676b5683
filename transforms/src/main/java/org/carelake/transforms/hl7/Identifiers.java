package org.carelake.transforms.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.regex.Pattern;
import org.carelake.ingestion.hl7.Hl7Field;
import org.carelake.ingestion.hl7.Hl7Time;

/**
 * CX / EI / HD -> Identifier. The system comes from the assigning authority (HD): its universal id as
 * {@code urn:oid:} (type ISO, or a well-formed OID), {@code urn:uuid:} or the URI itself; else its namespace id as
 * {@code urn:id:<namespace>}; no authority, no system.
 */
final class Identifiers {
  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

  private Identifiers() {}

  static String system(String namespace, String universalId, String universalIdType) {
    if (universalId != null) {
      String t = universalIdType == null ? "" : universalIdType.toUpperCase(Locale.ROOT);
      if ((t.equals("ISO") || t.isEmpty()) && CodeSystems.isOid(universalId)) {
        return "urn:oid:" + universalId;
      }
      if (t.equals("UUID") && UUID.matcher(universalId).matches()) {
        return "urn:uuid:" + universalId.toLowerCase(Locale.ROOT);
      }
      if (universalId.startsWith("http://") || universalId.startsWith("https://") || universalId.startsWith("urn:")) {
        return universalId;
      }
    }
    if (namespace != null) {
      return "urn:id:" + CodeSystems.safe(namespace);
    }
    return universalId == null ? null : "urn:id:" + CodeSystems.safe(universalId);
  }

  /** The system of the HD held in component {@code component} of {@code f} (as subcomponents). */
  static String hdSystem(Hl7Field f, int component) {
    return system(Fields.text(f, component, 1), Fields.text(f, component, 2), Fields.text(f, component, 3));
  }

  /** CX-4 as a system. */
  static String cxSystem(Hl7Field cx) {
    return hdSystem(cx, 4);
  }

  /** EI-2..4 (namespace, universal id, type) as a system. */
  static String eiSystem(Hl7Field ei) {
    return system(Fields.text(ei, 2), Fields.text(ei, 3), Fields.text(ei, 4));
  }

  /** CX -> Identifier: value CX-1, system from CX-4, type CX-5 (v2-0203), period CX-7..8. */
  static ObjectNode cx(Hl7Field cx) {
    return cx(cx, null);
  }

  /** As {@link #cx(Hl7Field)}, with the type the field implies when CX-5 is empty (VN for a visit number). */
  static ObjectNode cx(Hl7Field cx, String defaultType) {
    String value = Fields.text(cx, 1);
    if (value == null) {
      return null;
    }
    ObjectNode id = Json.object();
    Json.set(id, "type", Json.concept(CodeSystems.V2_0203, Fields.firstNonNull(Fields.text(cx, 5), defaultType), null));
    Json.put(id, "system", cxSystem(cx));
    id.put("value", value);
    ObjectNode period = Json.object();
    Json.put(period, "start", Hl7Time.fhirDate(Fields.text(cx, 7)));
    Json.put(period, "end", Hl7Time.fhirDate(Fields.text(cx, 8)));
    Json.set(id, "period", period);
    return id;
  }

  /** EI -> Identifier with a v2-0203 type (PLAC, FILL). */
  static ObjectNode ei(Hl7Field ei, String typeCode) {
    String value = Fields.text(ei, 1);
    if (value == null) {
      return null;
    }
    ObjectNode id = Json.object();
    Json.set(id, "type", Json.concept(CodeSystems.V2_0203, typeCode, null));
    Json.put(id, "system", eiSystem(ei));
    id.put("value", value);
    return id;
  }

  static ObjectNode of(String system, String value, String typeCode) {
    if (value == null) {
      return null;
    }
    ObjectNode id = Json.object();
    Json.set(id, "type", Json.concept(CodeSystems.V2_0203, typeCode, null));
    Json.put(id, "system", system);
    id.put("value", value);
    return id;
  }
}
