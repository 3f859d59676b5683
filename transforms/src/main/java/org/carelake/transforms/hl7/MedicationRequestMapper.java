package org.carelake.transforms.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.carelake.ingestion.hl7.Hl7Field;
import org.carelake.ingestion.hl7.Hl7Segment;

/**
 * ORC + RXE (pharmacy encoded order, RDE) or RXO (order as placed, OMP/ORM) + RXR -> MedicationRequest
 * (v2-to-FHIR RXO[MedicationRequest], RXR[MedicationRequest]): medication RXE-2 / RXO-1, status from the order
 * status ORC-5 else the order control ORC-1, intent order, authoredOn ORC-9 (else RXE-32), requester ORC-12 (else
 * RXE-13 / RXO-14), dose RXE-3..5 / RXO-2..4 (a range when the maximum differs), route and site RXR-1/2, dispense
 * RXE-10..12 / RXO-11..13, reason RXE-27 / RXO-20.
 */
final class MedicationRequestMapper {
  private MedicationRequestMapper() {}

  /** Id from the placer order number ORC-2, else the filler ORC-3 (each with its authority), else the message. */
  static String id(MessageContext ctx, MessageLayout.Order o) {
    for (int field : new int[] {2, 3}) {
      Hl7Field ei = Fields.first(o.orc, field);
      if (Fields.text(ei, 1) != null) {
        String kind = field == 2 ? "placer" : "filler";
        return ctx.uniqueId("MedicationRequest",
            List.of(kind, Fields.orEmpty(Identifiers.eiSystem(ei)), Fields.text(ei, 1)));
      }
    }
    return ctx.uniqueId("MedicationRequest", ctx.messageKey(o.mainPosition));
  }

  static void map(MessageContext ctx, MessageLayout.Order o, String id, String patientId, String encounterId) {
    Hl7Segment rx = o.main;
    boolean rxe = o.mainName().equals("RXE");
    Hl7Segment orc = o.orc;
    ObjectNode m = Json.object();
    Json.add(m, "identifier", Identifiers.ei(Fields.first(orc, 2), "PLAC"));
    Json.add(m, "identifier", Identifiers.ei(Fields.first(orc, 3), "FILL"));
    String status = Vocabulary.code("order-status", Fields.text(orc, 5));
    if (status == null && Fields.text(orc, 5) == null) {
      status = Vocabulary.code("order-control", Fields.text(orc, 1));
    }
    m.put("status", status != null ? status : "unknown");
    m.put("intent", "order");
    Json.set(m, "medicationCodeableConcept", Concepts.concept(rx, rxe ? 2 : 1));
    m.set("subject", Json.reference("Patient", patientId));
    Json.set(m, "encounter", Json.reference("Encounter", encounterId));
    Json.put(m, "authoredOn", ctx.dateTime(Fields.firstNonNull(Fields.text(orc, 9),
        rxe ? Fields.text(rx, 32) : null)));
    Hl7Field requester = Fields.first(orc, 12);
    Json.set(m, "requester", Practitioners.reference(ctx,
        requester != null ? requester : Fields.first(rx, rxe ? 13 : 14)));
    Json.addAll(m, "reasonCode", Concepts.concepts(rx, rxe ? 27 : 20));
    Json.add(m, "dosageInstruction", dosage(o, rxe));
    ObjectNode dispense = Json.object();
    BigDecimal amount = Quantities.number(Fields.text(rx, rxe ? 10 : 11));
    Json.set(dispense, "quantity", Quantities.quantity(amount, Fields.first(rx, rxe ? 11 : 12)));
    Json.put(dispense, "numberOfRepeatsAllowed", Quantities.nonNegativeInt(Fields.text(rx, rxe ? 12 : 13)));
    Json.set(m, "dispenseRequest", dispense);
    ctx.emit("MedicationRequest", id, patientId, m);
  }

  private static ObjectNode dosage(MessageLayout.Order o, boolean rxe) {
    Hl7Segment rx = o.main;
    ObjectNode d = Json.object();
    Hl7Segment rxr = o.rxr.isEmpty() ? null : o.rxr.get(0);
    Json.set(d, "site", Concepts.concept(rxr, 2));
    Json.set(d, "route", Concepts.concept(rxr, 1));
    Json.set(d, "method", Concepts.concept(rxr, 4));
    BigDecimal min = Quantities.number(Fields.text(rx, rxe ? 3 : 2));
    BigDecimal max = Quantities.number(Fields.text(rx, rxe ? 4 : 3));
    Hl7Field units = Fields.first(rx, rxe ? 5 : 4);
    ObjectNode rate = Json.object();
    if (max != null && (min == null || max.compareTo(min) != 0)) {
      ObjectNode range = Json.object();
      Json.set(range, "low", Quantities.quantity(min, units));
      Json.set(range, "high", Quantities.quantity(max, units));
      rate.set("doseRange", range);
    } else {
      Json.set(rate, "doseQuantity", Quantities.quantity(min, units));
    }
    Json.add(d, "doseAndRate", rate);
    return d;
  }

}
