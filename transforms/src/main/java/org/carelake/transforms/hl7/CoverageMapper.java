package org.carelake.transforms.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.carelake.ingestion.hl7.Hl7Field;
import org.carelake.ingestion.hl7.Hl7Segment;

/**
 * IN1 -> Coverage (v2-to-FHIR IN1[Coverage]): status active, beneficiary the patient, identifier and plan class from
 * the health plan IN1-2, payor IN1-3 (identifier) and IN1-4 (name as display), group IN1-8/9, period IN1-12..13,
 * type IN1-15, relationship IN1-17 (subscriber the patient for "SEL"), order IN1-22, subscriber id IN1-36 (else
 * IN1-49).
 */
final class CoverageMapper {
  private static final String CLASS = "http://terminology.hl7.org/CodeSystem/coverage-class";

  private CoverageMapper() {}

  /**
   * Id from patient, plan IN1-2 and subscriber id (see {@link #subscriberId}); both empty: the insurance company
   * IN1-3/IN1-4.
   */
  static String id(String patientId, Hl7Segment in1) {
    String plan = Fields.text(in1, 2);
    String policy = subscriberId(in1);
    if (plan == null && policy == null) {
      return V2Ids.of("Coverage", patientId, "company", Fields.text(in1, 3), Fields.text(in1, 4));
    }
    return V2Ids.of("Coverage", patientId, plan, policy);
  }

  static void map(MessageContext ctx, Hl7Segment in1, String id, String patientId) {
    ObjectNode c = Json.object();
    Hl7Field plan = Fields.first(in1, 2);
    ObjectNode planId = Json.object();
    Json.put(planId, "system", CodeSystems.uri(Fields.text(plan, 3)));
    Json.put(planId, "value", Fields.text(plan, 1));
    if (planId.has("value")) {
      Json.add(c, "identifier", planId);
    }
    c.put("status", "active");
    Json.set(c, "type", Concepts.concept(in1, 15));
    String relationship = Fields.text(in1, 17);
    if ("SEL".equalsIgnoreCase(relationship)) {
      c.set("subscriber", Json.reference("Patient", patientId));
    }
    Json.put(c, "subscriberId", subscriberId(in1));
    c.set("beneficiary", Json.reference("Patient", patientId));
    ObjectNode rel = Vocabulary.coding("subscriber-relationship", relationship);
    Json.set(c, "relationship", rel != null ? Json.add(Json.object(), "coding", rel) : Concepts.concept(in1, 17));
    ObjectNode period = Json.object();
    Json.put(period, "start", MessageContext.date(Fields.text(in1, 12)));
    Json.put(period, "end", MessageContext.date(Fields.text(in1, 13)));
    Json.set(c, "period", period);
    Json.add(c, "payor", payor(in1));
    Json.add(c, "class", coverageClass("plan", Fields.text(plan, 1), Fields.text(plan, 2)));
    Json.add(c, "class", coverageClass("group", Fields.text(in1, 8), Fields.text(in1, 9, 1)));
    Json.put(c, "order", Quantities.positiveInt(Fields.text(in1, 22)));
    ctx.emit("Coverage", id, patientId, c);
  }

  /** The policy number IN1-36, else the insured's id number IN1-49 (v2.5+ feeds put the member id there). */
  static String subscriberId(Hl7Segment in1) {
    return Fields.firstNonNull(Fields.text(in1, 36), Fields.text(in1, 49));
  }

  private static ObjectNode payor(Hl7Segment in1) {
    ObjectNode ref = Json.object();
    Hl7Field company = Fields.first(in1, 3);
    String value = Fields.text(company, 1);
    if (value != null) {
      ObjectNode id = Json.object();
      Json.put(id, "system", Identifiers.cxSystem(company));
      id.put("value", value);
      ref.set("identifier", id);
    }
    Json.put(ref, "display", Fields.text(in1, 4));
    return ref;
  }

  private static ObjectNode coverageClass(String type, String value, String name) {
    if (value == null) {
      return null;
    }
    ObjectNode c = Json.object();
    c.set("type", Json.add(Json.object(), "coding",
        Json.coding(CLASS, type, type.equals("plan") ? "Plan" : "Group")));
    c.put("value", value);
    Json.put(c, "name", name);
    return c;
  }
}
