package org.carelake.transforms.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.carelake.ingestion.hl7.Hl7Field;
import org.carelake.ingestion.hl7.Hl7Segment;

/**
 * DG1 -> Condition (v2-to-FHIR DG1[Condition]): code DG1-3 (a code sent without a coding system name takes the
 * pre-2.5 coding method DG1-2, e.g. I10), text DG1-4, clinical status active, category encounter-diagnosis, onset
 * DG1-5, recorded DG1-19, asserter DG1-16, the block's encounter; action code D (DG1-21) makes it entered-in-error.
 */
final class ConditionMapper {
  private static final String CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
  private static final String VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
  private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";

  private ConditionMapper() {}

  static ObjectNode code(Hl7Segment dg1) {
    Hl7Field f = Fields.first(dg1, 3);
    ObjectNode code = Concepts.concept(f, Fields.text(dg1, 2));
    String description = Fields.text(dg1, 4);
    if (description != null && (code == null || !code.has("text"))) {
      code = code == null ? Json.object() : code;
      code.put("text", description);
    }
    return code;
  }

  /** Id from patient, encounter and code: the same diagnosis of the same visit is one Condition. */
  static String id(String patientId, String encounterId, ObjectNode code) {
    List<String> key = new ArrayList<>(List.of(patientId, encounterId == null ? "" : encounterId));
    key.addAll(Concepts.keyOf(code));
    return V2Ids.of("Condition", key);
  }

  static void map(MessageContext ctx, Hl7Segment dg1, String id, ObjectNode code, String patientId,
      String encounterId) {
    ObjectNode c = Json.object();
    boolean deleted = "D".equalsIgnoreCase(Fields.text(dg1, 21));
    if (deleted) {
      c.set("verificationStatus", Json.concept(VERIFICATION, "entered-in-error", "Entered in Error"));
    } else {
      c.set("clinicalStatus", Json.concept(CLINICAL, "active", "Active"));
    }
    Json.add(c, "category", Json.concept(CATEGORY, "encounter-diagnosis", "Encounter Diagnosis"));
    Json.set(c, "code", code);
    c.set("subject", Json.reference("Patient", patientId));
    Json.set(c, "encounter", Json.reference("Encounter", encounterId));
    Json.put(c, "onsetDateTime", ctx.dateTime(Fields.text(dg1, 5)));
    Json.put(c, "recordedDate", ctx.dateTime(Fields.text(dg1, 19)));
    Json.set(c, "asserter", Practitioners.reference(ctx, Fields.first(dg1, 16)));
    ctx.emit("Condition", id, patientId, c);
  }
}
