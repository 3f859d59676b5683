package org.carelake.transforms.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.carelake.ingestion.hl7.Hl7Field;
import org.carelake.ingestion.hl7.Hl7Segment;

/**
 * PV1/PV2 -> Encounter (v2-to-FHIR PV1[Encounter]), with the ADT event semantics of {@link AdtEvents}: class from
 * PV1-2 (v3 ActCode, else the v2-0004 code), period PV1-44..45, current location PV1-3 then prior location PV1-6,
 * participants PV1-7/8/9/17, type PV1-4, service type PV1-10, admit source PV1-14, discharge disposition PV1-36,
 * reason PV2-3, priority PV2-25, diagnoses from the block's DG1.
 */
final class EncounterMapper {
  private static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
  private static final String V2_0004 = "http://terminology.hl7.org/CodeSystem/v2-0004";

  private record Role(int field, String code, String display) {}

  private static final List<Role> ROLES = List.of(new Role(7, "ATND", "attender"), new Role(8, "REF", "referrer"),
      new Role(9, "CON", "consultant"), new Role(17, "ADM", "admitter"));

  /** A Condition of the encounter and the DG1 it came from. */
  record Diagnosis(String conditionId, Hl7Segment dg1) {}

  private EncounterMapper() {}

  /**
   * Whether the block describes a visit: a PV1 that says something (a visit number, an admit time, a location, or a
   * class other than N "not applicable"), in a message that is not about the person only (A28, A31, A40, ...).
   */
  static boolean hasEncounter(MessageContext ctx, MessageLayout.PatientBlock b) {
    Hl7Segment pv1 = b.pv1;
    if (pv1 == null || AdtEvents.isPersonLevel(ctx)) {
      return false;
    }
    String cls = Fields.text(pv1, 2);
    return Fields.text(pv1, 19) != null || Fields.text(pv1, 44) != null || Fields.text(pv1, 3) != null
        || (cls != null && !cls.equalsIgnoreCase("N"));
  }

  /** Id from the visit number PV1-19 (system from its authority); without one, from the message. */
  static String id(MessageContext ctx, MessageLayout.PatientBlock b) {
    Hl7Field visit = Fields.first(b.pv1, 19);
    String number = Fields.text(visit, 1);
    if (number != null) {
      return V2Ids.encounter(Identifiers.cxSystem(visit), number);
    }
    return V2Ids.of("Encounter", ctx.messageKey("PV1-" + b.index));
  }

  static void map(MessageContext ctx, MessageLayout.PatientBlock b, String id, String patientId,
      List<Diagnosis> diagnoses) {
    Hl7Segment pv1 = b.pv1;
    Hl7Segment pv2 = b.pv2;
    ObjectNode e = Json.object();
    Json.add(e, "identifier", Identifiers.cx(Fields.first(pv1, 19), "VN"));
    for (Hl7Field alt : Fields.reps(pv1, 50)) {
      Json.add(e, "identifier", Identifiers.cx(alt));
    }
    String classCode = Fields.text(pv1, 2);
    String start = ctx.dateTime(Fields.text(pv1, 44));
    if (start == null && AdtEvents.isAdmission(ctx)) {
      start = ctx.dateTime(Fields.text(ctx.evn, 6));
    }
    String end = ctx.dateTime(Fields.text(pv1, 45));
    if (end == null && AdtEvents.isDischarge(ctx)) {
      end = ctx.dateTime(Fields.text(ctx.evn, 6));
    }
    if (AdtEvents.cancelsDischarge(ctx)) {
      end = null;
    }
    e.put("status", status(ctx, classCode, start, end));
    Json.set(e, "class", encounterClass(Fields.first(pv1, 2)));
    // The v2 tables the fields are bound to: admission type 0007, hospital service 0069, visit priority 0217.
    Json.addAll(e, "type", Concepts.concepts(pv1, 4, "HL70007"));
    Json.set(e, "serviceType", Concepts.concept(pv1, 10, "HL70069"));
    Json.set(e, "priority", Concepts.concept(pv2, 25, "HL70217"));
    e.set("subject", Json.reference("Patient", patientId));
    for (Role role : ROLES) {
      for (Hl7Field xcn : Fields.reps(pv1, role.field())) {
        ObjectNode who = Practitioners.reference(ctx, xcn);
        if (who != null) {
          ObjectNode p = Json.object();
          Json.add(p, "type", Json.concept(PARTICIPATION, role.code(), role.display()));
          p.set("individual", who);
          Json.add(e, "participant", p);
        }
      }
    }
    ObjectNode period = Json.object();
    Json.put(period, "start", start);
    Json.put(period, "end", end);
    Json.set(e, "period", period);
    Json.addAll(e, "reasonCode", Concepts.concepts(pv2, 3));
    for (Diagnosis d : diagnoses) {
      ObjectNode dx = Json.object();
      dx.set("condition", Json.reference("Condition", d.conditionId()));
      Json.set(dx, "use", concept(Vocabulary.coding("diagnosis-use", Fields.text(d.dg1(), 6))));
      Json.put(dx, "rank", Quantities.positiveInt(Fields.text(d.dg1(), 15)));
      Json.add(e, "diagnosis", dx);
    }
    ObjectNode hosp = Json.object();
    Json.set(hosp, "preAdmissionIdentifier", Identifiers.cx(Fields.first(pv1, 5)));
    // Admit source is table 0023, discharge disposition 0112.
    Json.set(hosp, "admitSource", Concepts.concept(pv1, 14, "HL70023"));
    Json.set(hosp, "dischargeDisposition", Concepts.concept(pv1, 36, "HL70112"));
    Json.set(e, "hospitalization", hosp);
    boolean planned = "P".equalsIgnoreCase(classCode);
    Json.add(e, "location", location(Fields.first(pv1, 3), planned ? "planned" : "active"));
    Json.add(e, "location", location(Fields.first(pv1, 6), "completed"));
    ctx.emit("Encounter", id, patientId, e);
  }

  /** The event's fixed status, else finished with a discharge time, planned for a pre-admit, else in progress. */
  private static String status(MessageContext ctx, String classCode, String start, String end) {
    String fixed = AdtEvents.fixedStatus(ctx);
    if (fixed != null) {
      return fixed;
    }
    if (end != null) {
      return "finished";
    }
    if ("P".equalsIgnoreCase(classCode)) {
      return "planned";
    }
    return ctx.isAdt() || start != null ? "in-progress" : "unknown";
  }

  private static ObjectNode encounterClass(Hl7Field f) {
    String code = Fields.text(f, 1);
    if (code == null) {
      return null;
    }
    ObjectNode mapped = Vocabulary.coding("patient-class", code);
    if (mapped != null) {
      return mapped;
    }
    String system = CodeSystems.uri(Fields.text(f, 3));
    return Json.coding(system != null ? system : V2_0004, code, Fields.text(f, 2));
  }

  private static ObjectNode concept(ObjectNode coding) {
    return coding == null ? null : Json.add(Json.object(), "coding", coding);
  }

  /** PL -> a display-only location with its status. */
  private static ObjectNode location(Hl7Field pl, String status) {
    String display = Locations.display(pl);
    if (display == null) {
      return null;
    }
    ObjectNode l = Json.object();
    l.set("location", Json.put(Json.object(), "display", display));
    l.put("status", status);
    return l;
  }
}
