package org.carelake.transforms.hl7;

import static org.carelake.transforms.hl7.V2Fixtures.convert;
import static org.carelake.transforms.hl7.V2Fixtures.lfh;
import static org.carelake.transforms.hl7.V2Fixtures.one;
import static org.carelake.transforms.hl7.V2Fixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ORC + RXE/RXO + RXR -> MedicationRequest -> silver.medication_request. */
class V2MedicationRequestTest {
  private static final String RDE_NDC = lfh("CodeableConceptTest__testCodeableConceptForNDC__8accdfc2");
  private static final String OMP = lfh("Hl7MedicationRequestFHIRConversionTest__medicationFromOMPTest__c2e317b1");

  @Test
  void pharmacyOrderWithNdc() {
    JsonNode m = one(convert(RDE_NDC), "MedicationRequest");
    assertEquals(V2Ids.of("MedicationRequest", "placer", "urn:id:OE", "F800006"), m.path("id").asText(),
        "ORC-2 placer number with its namespace");
    assertEquals("active", m.path("status").asText(), "ORC-5 empty, ORC-1 NW");
    assertEquals("order", m.path("intent").asText());
    assertEquals("http://hl7.org/fhir/sid/ndc", m.at("/medicationCodeableConcept/coding/0/system").asText());
    assertEquals("73056-017", m.at("/medicationCodeableConcept/coding/0/code").asText(), "RXE-2");
    assertEquals("PLAC", m.at("/identifier/0/type/coding/0/code").asText());
    assertEquals("P800006", m.at("/identifier/1/value").asText());

    Map<String, Object> row = row("medication_request", m);
    assertEquals(V2Ids.patient(null, "1234"), row.get("source_patient_id"));
    assertEquals("active", row.get("status"));
    assertEquals("order", row.get("intent"));
    assertEquals("http://hl7.org/fhir/sid/ndc", row.get("medication_system"));
    assertEquals("73056-017", row.get("medication_code"));
    assertEquals("Test15 SODIUM 100 MG CAPSULE", row.get("medication_display"));
    assertEquals(Instant.parse("2018-06-23T03:00:00Z"), row.get("authored_on"), "ORC-9");
    assertEquals(0, new BigDecimal(100).compareTo((BigDecimal) row.get("dosage_dose_quantity")), "RXE-3");
    assertEquals("mg", row.get("dosage_dose_unit"), "RXE-5");
    assertEquals(0, BigDecimal.TEN.compareTo((BigDecimal) row.get("dispense_quantity")), "RXE-10");
    assertEquals(5, row.get("dispense_number_of_repeats"), "RXE-12");
  }

  @Test
  void orderAsPlacedWithRoute() {
    List<DerivedResource> out = convert(OMP);
    JsonNode m = one(out, "MedicationRequest");
    assertEquals("active", m.path("status").asText(), "ORC-1 OP: an order for outside dispense");
    assertEquals("00054418425", m.at("/medicationCodeableConcept/coding/0/code").asText(), "RXO-1");
    assertEquals("dexamethasone (DECADRON) 4 MG TABS", m.at("/medicationCodeableConcept/text").asText(), "CWE-9");
    Map<String, Object> row = row("medication_request", m);
    assertEquals("PO", row.get("dosage_route_code"), "RXR-1");
    assertEquals("Oral", row.get("dosage_route_display"));
    assertNull(row.get("dosage_route_system"), "no coding system sent, none invented");
    assertEquals(0, new BigDecimal(4).compareTo((BigDecimal) row.get("dispense_quantity")), "RXO-11");
    assertEquals("tablet", row.get("dispense_quantity_unit"), "RXO-12");
    assertEquals(0, row.get("dispense_number_of_repeats"), "RXO-13");
    assertEquals(V2Ids.practitioner(null, "3122"), row.get("requester_id"), "ORC-12");
    assertEquals(V2Ids.encounter(null, "Visit_111"), row.get("encounter_id"));
    assertEquals(Instant.parse("2021-01-01T05:00:00Z"), row.get("authored_on"));
  }

  @Test
  void statusFromOrderStatusElseOrderControl() {
    Map<String, String> expected = Map.of(
        "2770279a", "active",            // ORC-5 A
        "33600b8b", "entered-in-error",  // ORC-5 ER
        "33f25bea", "cancelled",         // ORC-1 CA
        "41ee7c86", "completed",         // ORC-5 CM
        "653ce9ba", "unknown",           // ORC-1 RP: replaced, no FHIR status says so
        "9314a69b", "stopped",           // ORC-1 DC
        "a8b188fa", "active");           // ORC-1 NW
    expected.forEach((hash, status) -> {
      JsonNode m = one(convert(lfh("Hl7MedicationRequestFHIRConversionTest__test_medicationreq_status__" + hash)),
          "MedicationRequest");
      assertEquals(status, m.path("status").asText(), hash);
      // RDE_O11 with both: the pharmacy's RXE wins over the order as placed (RXO)
      assertEquals("62756-017", m.at("/medicationCodeableConcept/coding/0/code").asText(), hash);
    });
  }

  @Test
  void doseRangeWhenMinimumAndMaximumDiffer() {
    String file = lfh("Hl7MedicationRequestFHIRConversionTest__dosageInstructionTestDoseRangeRXE__2845f349");
    JsonNode m = one(convert(file), "MedicationRequest");
    Map<String, Object> row = row("medication_request", m);
    assertEquals(0, new BigDecimal(3).compareTo((BigDecimal) row.get("dosage_dose_range_low")));
    assertEquals(0, new BigDecimal(6).compareTo((BigDecimal) row.get("dosage_dose_range_high")));
    assertNull(row.get("dosage_dose_quantity"));
    assertFalse(m.has("identifier"), "no order numbers: the id comes from the message");
    assertEquals(V2Ids.of("MedicationRequest", List.of("message", "", "", "", "", "3")), m.path("id").asText(),
        "no sender, time or control id in this test message: only the RXE position (segment 3) is left");
  }
}
