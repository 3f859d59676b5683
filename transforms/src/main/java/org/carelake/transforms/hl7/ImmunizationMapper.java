package org.carelake.transforms.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.carelake.ingestion.hl7.Hl7Field;
import org.carelake.ingestion.hl7.Hl7Segment;

/**
 * ORC + RXA + RXR -> Immunization (v2-to-FHIR RXA[Immunization], ORC[Immunization], RXR[Immunization]): vaccine
 * RXA-5 (CVX, NDC, ... by its coding system), occurrence RXA-3, status entered-in-error for action code D (RXA-21),
 * else from the completion status RXA-20 (CP/PA completed, RE/NA not-done; completed when empty), status reason
 * RXA-18, dose RXA-6/7 (999, the CDC "amount unknown", is no dose), lot RXA-15, expiration RXA-16, manufacturer
 * RXA-17, administering provider RXA-10 (function AP), ordering provider ORC-12 (OP), primary source from the
 * information source RXA-9 (NIP001 00 = administered here), recorded ORC-9, location RXA-27 (else RXA-11), reason
 * RXA-19, route/site RXR-1/2.
 */
final class ImmunizationMapper {
  private static final String FUNCTION = "http://terminology.hl7.org/CodeSystem/v2-0443";

  private ImmunizationMapper() {}

  /**
   * Id from the filler order number ORC-3 (with its authority) when no other RXA of the message shares it; else from
   * patient, administration time RXA-3 (as sent) and vaccine code.
   */
  static String id(MessageContext ctx, MessageLayout.Order o, boolean fillerShared, String patientId,
      ObjectNode vaccine) {
    Hl7Field filler = Fields.first(o.orc, 3);
    if (Fields.text(filler, 1) != null && !fillerShared) {
      return ctx.uniqueId("Immunization",
          List.of("filler", Fields.orEmpty(Identifiers.eiSystem(filler)), Fields.text(filler, 1)));
    }
    List<String> vaccineKey = Concepts.keyOf(vaccine);
    return ctx.uniqueId("Immunization",
        List.of("patient", patientId, Fields.orEmpty(Fields.text(o.main, 3)), vaccineKey.get(0), vaccineKey.get(1)));
  }

  static ObjectNode vaccine(MessageLayout.Order o) {
    return Concepts.concept(o.main, 5);
  }

  static void map(MessageContext ctx, MessageLayout.Order o, String id, ObjectNode vaccine, String patientId,
      String encounterId) {
    Hl7Segment rxa = o.main;
    Hl7Segment orc = o.orc;
    ObjectNode i = Json.object();
    Json.add(i, "identifier", Identifiers.ei(Fields.first(orc, 2), "PLAC"));
    Json.add(i, "identifier", Identifiers.ei(Fields.first(orc, 3), "FILL"));
    String status;
    if ("D".equalsIgnoreCase(Fields.text(rxa, 21))) {
      status = "entered-in-error";
    } else {
      String completion = Fields.text(rxa, 20);
      status = completion == null ? "completed" : Vocabulary.code("completion-status", completion);
      status = status == null ? "completed" : status;
    }
    i.put("status", status);
    if (status.equals("not-done")) {
      Json.set(i, "statusReason", Concepts.concept(rxa, 18));
    }
    Json.set(i, "vaccineCode", vaccine);
    i.set("patient", Json.reference("Patient", patientId));
    Json.set(i, "encounter", Json.reference("Encounter", encounterId));
    Json.put(i, "occurrenceDateTime", ctx.dateTime(Fields.text(rxa, 3)));
    Json.put(i, "recorded", ctx.dateTime(Fields.text(orc, 9)));
    Hl7Field source = Fields.first(rxa, 9);
    String sourceSystem = Fields.text(source, 3);
    if (sourceSystem == null || sourceSystem.equalsIgnoreCase("NIP001")) {
      Json.put(i, "primarySource", Vocabulary.bool("primary-source", Fields.text(source, 1)));
    }
    // RXA-27 (v2.6+) is where it was given; the older RXA-11 (LA2) names it in components 1 and 4
    String location = Fields.firstNonNull(Locations.display(Fields.first(rxa, 27)), Fields.text(rxa, 11, 4),
        Fields.text(rxa, 11, 1));
    if (location != null) {
      i.set("location", Json.object().put("display", location));
    }
    Json.set(i, "manufacturer", manufacturer(Fields.first(rxa, 17)));
    Json.put(i, "lotNumber", Fields.text(rxa, 15));
    Json.put(i, "expirationDate", MessageContext.date(Fields.text(rxa, 16)));
    Hl7Segment rxr = o.rxr.isEmpty() ? null : o.rxr.get(0);
    Json.set(i, "site", Concepts.concept(rxr, 2));
    Json.set(i, "route", Concepts.concept(rxr, 1));
    BigDecimal dose = Quantities.number(Fields.text(rxa, 6));
    if (dose != null && dose.compareTo(BigDecimal.valueOf(999)) != 0) {
      i.set("doseQuantity", Quantities.quantity(dose, Fields.first(rxa, 7)));
    }
    for (Hl7Field xcn : Fields.reps(rxa, 10)) {
      Json.add(i, "performer", performer(ctx, xcn, "AP", "Administering Provider"));
    }
    Json.add(i, "performer", performer(ctx, Fields.first(orc, 12), "OP", "Ordering Provider"));
    Json.addAll(i, "reasonCode", Concepts.concepts(rxa, 19));
    ctx.emit("Immunization", id, patientId, i);
  }

  private static ObjectNode performer(MessageContext ctx, Hl7Field xcn, String function, String display) {
    ObjectNode actor = Practitioners.reference(ctx, xcn);
    if (actor == null) {
      return null;
    }
    ObjectNode p = Json.object();
    p.set("function", Json.concept(FUNCTION, function, display));
    p.set("actor", actor);
    return p;
  }

  /** CWE -> a display-only Reference, with the MVX code as identifier when given. */
  private static ObjectNode manufacturer(Hl7Field f) {
    if (f == null) {
      return null;
    }
    ObjectNode ref = Json.object();
    String code = Fields.text(f, 1);
    if (code != null) {
      ObjectNode id = Json.object();
      Json.put(id, "system", CodeSystems.uri(Fields.text(f, 3)));
      id.put("value", code);
      ref.set("identifier", id);
    }
    Json.put(ref, "display", Fields.text(f, 2));
    return ref.isEmpty() ? null : ref;
  }

}
