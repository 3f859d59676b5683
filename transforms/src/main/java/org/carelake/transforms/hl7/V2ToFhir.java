package org.carelake.transforms.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.carelake.ingestion.hl7.Hl7Field;
import org.carelake.ingestion.hl7.Hl7Message;
import org.carelake.ingestion.hl7.Hl7Segment;

/**
 * Converts an HL7 v2 message (v2.3 to v2.8, any message structure) into FHIR R4 resources, following the HL7
 * v2-to-FHIR mapping specification, so that the silver ViewDefinitions flatten them like FHIR bulk data. Pure and
 * stateless: safe to call from Spark tasks.
 *
 * <p>Per patient (PID) the message gives a Patient (and, for a merge, the retired Patient), an Encounter (PV1/PV2),
 * Conditions (DG1), AllergyIntolerances (AL1), Coverages (IN1), Observations (OBX) with a DiagnosticReport per
 * reported OBR, MedicationRequests (ORC + RXE/RXO + RXR), Immunizations (ORC + RXA + RXR), and the Practitioners
 * the XCN fields name. Ids are deterministic ({@link V2Ids}); {@code meta.lastUpdated} is the message time. Segments
 * the mapping does not use (Z-segments included) are ignored, missing fields leave elements out, and a value that
 * does not parse (a date, a number) is left out or kept as text, never guessed; the rules are in docs/hl7v2.md.
 */
public final class V2ToFhir {
  private V2ToFhir() {}

  /**
   * The resources of one message, in message order; none for a message without PID.
   *
   * @param sourceSystem the ingest's source, recorded in {@code meta.source} with the control id (may be null)
   * @param zoneForTimesWithoutOffset the zone of v2 times sent without an offset (UTC when null)
   * @throws V2MappingException if the converter fails on the message (a bug to report; quarantine the message)
   */
  public static List<DerivedResource> convert(Hl7Message msg, String sourceSystem, ZoneId zoneForTimesWithoutOffset) {
    Objects.requireNonNull(msg, "msg");
    ZoneId zone = zoneForTimesWithoutOffset == null ? ZoneOffset.UTC : zoneForTimesWithoutOffset;
    try {
      MessageContext ctx = new MessageContext(msg, sourceSystem, zone);
      List<MessageLayout.PatientBlock> blocks = MessageLayout.read(msg);
      Map<String, Integer> fillers = immunizationFillers(blocks);
      for (MessageLayout.PatientBlock b : blocks) {
        block(ctx, b, fillers);
      }
      return ctx.resources();
    } catch (RuntimeException e) {
      String control = msg.segments().isEmpty() ? null : Fields.text(msg.msh(), 10);
      throw new V2MappingException("cannot map HL7 v2 message " + control + ": " + e, e);
    }
  }

  private static void block(MessageContext ctx, MessageLayout.PatientBlock b, Map<String, Integer> fillers) {
    String patientId = PatientMapper.id(ctx, b);
    String retired = PatientMapper.retiredId(ctx, b);
    retired = patientId.equals(retired) ? null : retired;
    if (!ctx.emitted("Patient", patientId)) {
      PatientMapper.map(ctx, b, patientId, retired);
    }
    if (retired != null && !ctx.emitted("Patient", retired)) {
      PatientMapper.mapRetired(ctx, b, retired, patientId);
    }

    String encounterId = EncounterMapper.hasEncounter(ctx, b) ? EncounterMapper.id(ctx, b) : null;
    // Conditions first: the Encounter lists them as its diagnoses.
    List<EncounterMapper.Diagnosis> diagnoses = new ArrayList<>();
    for (Hl7Segment dg1 : b.dg1) {
      ObjectNode code = ConditionMapper.code(dg1);
      String id = code == null ? null : ConditionMapper.id(patientId, encounterId, code);
      if (id != null && !ctx.emitted("Condition", id)) {
        ConditionMapper.map(ctx, dg1, id, code, patientId, encounterId);
        diagnoses.add(new EncounterMapper.Diagnosis(id, dg1));
      }
    }
    if (encounterId != null && !ctx.emitted("Encounter", encounterId)) {
      EncounterMapper.map(ctx, b, encounterId, patientId, diagnoses);
    }
    for (Hl7Segment al1 : b.al1) {
      ObjectNode code = Concepts.concept(al1, 3);
      String id = code == null ? null : AllergyMapper.id(patientId, code);
      if (id != null && !ctx.emitted("AllergyIntolerance", id)) {
        AllergyMapper.map(ctx, al1, id, code, patientId, encounterId);
      }
    }
    for (Hl7Segment in1 : b.in1) {
      String id = CoverageMapper.id(patientId, in1);
      if (!ctx.emitted("Coverage", id)) {
        CoverageMapper.map(ctx, in1, id, patientId);
      }
    }
    for (MessageLayout.Obx x : b.obx) {
      // An OBX outside any order (ADT) is the patient's observation at OBX-14; without a time, the message's.
      String when = Fields.text(x.obx(), 14);
      List<String> parent = when != null ? List.of("patient", patientId, when) : ctx.messageKey("PID-" + b.index);
      ObservationMapper.map(ctx, x, parent, null, null, patientId, encounterId);
    }
    for (MessageLayout.Order o : b.orders) {
      order(ctx, o, fillers, patientId, encounterId);
    }
  }

  private static void order(MessageContext ctx, MessageLayout.Order o, Map<String, Integer> fillers,
      String patientId, String encounterId) {
    switch (o.mainName()) {
      case "OBR" -> {
        List<String> key = Orders.key(ctx, o);
        ObjectNode category = Orders.category(o);
        List<String> results = new ArrayList<>();
        for (MessageLayout.Obx x : o.obx) {
          results.add(ObservationMapper.map(ctx, x, key, o.main, category, patientId, encounterId));
        }
        if (Orders.isReport(ctx, o)) {
          DiagnosticReportMapper.map(ctx, o, key, patientId, encounterId, results);
        }
      }
      case "RXE", "RXO" -> {
        String id = MedicationRequestMapper.id(ctx, o);
        MedicationRequestMapper.map(ctx, o, id, patientId, encounterId);
        observations(ctx, o, List.of("MedicationRequest", id), patientId, encounterId);
      }
      case "RXA" -> {
        ObjectNode vaccine = ImmunizationMapper.vaccine(o);
        boolean shared = fillers.getOrDefault(fillerKey(o), 0) > 1;
        String id = ImmunizationMapper.id(ctx, o, shared, patientId, vaccine);
        ImmunizationMapper.map(ctx, o, id, vaccine, patientId, encounterId);
        observations(ctx, o, List.of("Immunization", id), patientId, encounterId);
      }
      default -> observations(ctx, o, Orders.key(ctx, o), patientId, encounterId);
    }
  }

  private static void observations(MessageContext ctx, MessageLayout.Order o, List<String> parent, String patientId,
      String encounterId) {
    for (MessageLayout.Obx x : o.obx) {
      ObservationMapper.map(ctx, x, parent, null, null, patientId, encounterId);
    }
  }

  /** How many RXA of the message carry each filler order number (one shared by several names none of them). */
  private static Map<String, Integer> immunizationFillers(List<MessageLayout.PatientBlock> blocks) {
    Map<String, Integer> counts = new HashMap<>();
    for (MessageLayout.PatientBlock b : blocks) {
      for (MessageLayout.Order o : b.orders) {
        String k = o.mainName().equals("RXA") ? fillerKey(o) : null;
        if (k != null) {
          counts.merge(k, 1, Integer::sum);
        }
      }
    }
    return counts;
  }

  private static String fillerKey(MessageLayout.Order o) {
    Hl7Field filler = Fields.first(o.orc, 3);
    String value = Fields.text(filler, 1);
    return value == null ? null : Identifiers.eiSystem(filler) + "|" + value;
  }
}
