package org.carelake.transforms.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.carelake.ingestion.hl7.Hl7Segment;

/**
 * OBR -> DiagnosticReport (v2-to-FHIR OBR[DiagnosticReport]): identifiers placer OBR-2 / filler OBR-3 (else ORC-2/3),
 * status OBR-25 (table 0123), category OBR-24 (v2-0074; LAB when empty), code OBR-4, effective OBR-7 (a period to
 * OBR-8 when that is sent), issued OBR-22, results the order's Observations.
 */
final class DiagnosticReportMapper {
  private static final String V2_0074 = "http://terminology.hl7.org/CodeSystem/v2-0074";

  private DiagnosticReportMapper() {}

  static void map(MessageContext ctx, MessageLayout.Order order, List<String> orderKey, String patientId,
      String encounterId, List<String> resultIds) {
    Hl7Segment obr = order.main;
    String id = ctx.uniqueId("DiagnosticReport", orderKey);
    ObjectNode r = Json.object();
    Json.add(r, "identifier", Identifiers.ei(Orders.placer(order), "PLAC"));
    Json.add(r, "identifier", Identifiers.ei(Orders.filler(order), "FILL"));
    r.put("status", Fields.firstNonNull(Vocabulary.code("report-status", Fields.text(obr, 25)), "unknown"));
    String section = Fields.text(obr, 24);
    Json.add(r, "category", Json.concept(V2_0074, section != null ? section : "LAB", null));
    Json.set(r, "code", Concepts.concept(obr, 4));
    r.set("subject", Json.reference("Patient", patientId));
    Json.set(r, "encounter", Json.reference("Encounter", encounterId));
    String start = ctx.dateTime(Fields.text(obr, 7));
    String end = ctx.dateTime(Fields.text(obr, 8));
    if (end != null) {
      ObjectNode period = Json.object();
      Json.put(period, "start", start);
      period.put("end", end);
      r.set("effectivePeriod", period);
    } else {
      Json.put(r, "effectiveDateTime", start);
    }
    Json.put(r, "issued", ctx.instant(Fields.text(obr, 22)));
    for (String result : resultIds) {
      Json.add(r, "result", Json.reference("Observation", result));
    }
    ctx.emit("DiagnosticReport", id, patientId, r);
  }
}
