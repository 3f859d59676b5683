package org.carelake.transforms.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.carelake.ingestion.hl7.Hl7Field;
import org.carelake.ingestion.hl7.Hl7Segment;

/**
 * OBX -> Observation (v2-to-FHIR OBX[Observation]): code OBX-3 with every triplet as a coding, value by OBX-2 (see
 * {@link ObservationValues}), units OBX-6, reference range OBX-7, interpretation OBX-8 (v3 codes), status OBX-11
 * (N also sets dataAbsentReason not-asked), effective OBX-14 else the order's OBR-7, issued OBR-22, performer
 * OBX-16, method OBX-17, body site OBX-20, notes from the NTE after it.
 */
final class ObservationMapper {
  private static final String ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason";

  private ObservationMapper() {}

  /**
   * Emits the Observation and returns its id, keyed by {@code parentKey} (the order, or what else the OBX belongs
   * to), the OBX-3 code and the OBX-4 sub-id.
   */
  static String map(MessageContext ctx, MessageLayout.Obx entry, List<String> parentKey, Hl7Segment obr,
      ObjectNode category, String patientId, String encounterId) {
    Hl7Segment obx = entry.obx();
    ObjectNode code = Concepts.concept(obx, 3);
    List<String> key = new ArrayList<>(parentKey);
    key.addAll(Concepts.keyOf(code));
    key.add(Fields.text(obx, 4));
    String id = ctx.uniqueId("Observation", key);

    ObjectNode o = Json.object();
    String status = Fields.text(obx, 11);
    o.put("status", Fields.firstNonNull(Vocabulary.code("observation-status", status), "unknown"));
    Json.add(o, "category", category);
    Json.set(o, "code", code);
    o.set("subject", Json.reference("Patient", patientId));
    Json.set(o, "encounter", Json.reference("Encounter", encounterId));
    Json.put(o, "effectiveDateTime",
        ctx.dateTime(Fields.firstNonNull(Fields.text(obx, 14), Fields.text(obr, 7))));
    Json.put(o, "issued", ctx.instant(Fields.text(obr, 22)));
    for (Hl7Field xcn : Fields.reps(obx, 16)) {
      Json.add(o, "performer", Practitioners.reference(ctx, xcn));
    }
    ObservationValues.value(ctx, obx, o);
    if ("N".equalsIgnoreCase(status)) {
      o.set("dataAbsentReason", Json.concept(ABSENT, "not-asked", "Not Asked"));
    }
    for (Hl7Field flag : Fields.reps(obx, 8)) {
      Json.add(o, "interpretation", interpretation(flag));
    }
    for (Hl7Segment nte : entry.notes()) {
      String text = Fields.text(Fields.first(nte, 3), ctx.msg.encoding());
      if (text != null) {
        Json.add(o, "note", Json.object().put("text", text));
      }
    }
    Json.set(o, "bodySite", Concepts.concept(obx, 20));
    Json.set(o, "method", Concepts.concept(obx, 17));
    Json.add(o, "referenceRange", Quantities.referenceRange(Fields.whole(Fields.first(obx, 7)),
        Fields.first(obx, 6)));
    ctx.emit("Observation", id, patientId, o);
    return id;
  }

  /** An abnormal flag of table 0078 as its v3 ObservationInterpretation code; other systems as sent. */
  private static ObjectNode interpretation(Hl7Field flag) {
    String system = CodeSystems.uri(Fields.text(flag, 3));
    if (system == null || system.endsWith("/v2-0078")) {
      ObjectNode v3 = Vocabulary.coding("interpretation", Fields.text(flag, 1));
      if (v3 != null) {
        return Json.add(Json.object(), "coding", v3);
      }
    }
    return Concepts.concept(flag);
  }
}
