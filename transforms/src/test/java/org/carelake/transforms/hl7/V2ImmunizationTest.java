package org.carelake.transforms.hl7;

import static org.carelake.transforms.hl7.V2Fixtures.all;
import static org.carelake.transforms.hl7.V2Fixtures.convert;
import static org.carelake.transforms.hl7.V2Fixtures.convertText;
import static org.carelake.transforms.hl7.V2Fixtures.lfh;
import static org.carelake.transforms.hl7.V2Fixtures.row;
import static org.carelake.transforms.hl7.V2Fixtures.silver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ORC + RXA + RXR -> Immunization -> silver.immunization. */
class V2ImmunizationTest {
  private static final String VXU = "hl7-v2-to-fhir-samples/VXU_V04.hl7";
  private static final String THREE = lfh("Hl7ImmunizationFHIRConversionTest__testMultipleImmunizationsNoInterference"
      + "__9ac4fbbc");

  @Test
  void administeredVaccineOfTheReferenceVxu() {
    List<JsonNode> imms = all(convert(VXU), "Immunization");
    assertEquals(3, imms.size());
    JsonNode i = imms.get(0);
    String patient = V2Ids.patient("urn:oid:1.2.3.4.5", "1032702");
    // The three RXA share ORC-3 13696: it names none of them, each is patient + RXA-3 + vaccine.
    assertEquals(V2Ids.of("Immunization", "patient", patient, "201506240830", "http://hl7.org/fhir/sid/ndc",
        "49281-0215-88"), i.path("id").asText());
    assertEquals("completed", i.path("status").asText(), "RXA-20 CP");
    assertEquals("2015-06-24T08:30:00-04:00", i.path("occurrenceDateTime").asText());
    assertEquals("FILL", i.at("/identifier/1/type/coding/0/code").asText());
    assertEquals("13696", i.at("/identifier/1/value").asText());
    assertEquals(true, i.path("primarySource").asBoolean(), "RXA-9 00: new record");

    Map<String, Object> row = row("immunization", i);
    assertEquals(patient, row.get("source_patient_id"));
    assertEquals("completed", row.get("status"));
    assertEquals("http://hl7.org/fhir/sid/ndc", row.get("vaccine_code_system"));
    assertEquals("49281-0215-88", row.get("vaccine_code_code"));
    assertEquals("TENIVAC", row.get("vaccine_code_display"));
    assertEquals(Instant.parse("2015-06-24T12:30:00Z"), row.get("occurrence_datetime"));
    assertEquals(Instant.parse("2015-06-24T12:40:00Z"), row.get("recorded"), "ORC-9");
    assertEquals(true, row.get("primary_source"));
    assertEquals("315841", row.get("lot_number"));
    assertEquals("2015-12-16", String.valueOf(row.get("expiration_date")));
    assertEquals("RD", row.get("site_code"), "RXR-2");
    assertEquals("http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl", row.get("route_system"), "RXR-1 NCIT");
    assertEquals("C28161", row.get("route_code"));
    assertEquals(0, new BigDecimal("0.5").compareTo((BigDecimal) row.get("dose_quantity")));
    assertEquals("mL", row.get("dose_unit"));
    assertEquals(V2Ids.practitioner("urn:id:NIST-PI-1", "7824"), row.get("performer_id"), "RXA-10 first");
    assertEquals("Drive in around the corner of High Street and Walnut Avenue", row.get("location_display"),
        "RXA-27 description");

    JsonNode historical = imms.get(1);
    assertEquals("http://hl7.org/fhir/sid/cvx", historical.at("/vaccineCode/coding/0/system").asText());
    assertEquals("88", historical.at("/vaccineCode/coding/0/code").asText());
    assertEquals("2014-10-12", historical.path("occurrenceDateTime").asText());
    assertEquals(false, historical.path("primarySource").asBoolean(true), "RXA-9 01: historical");
    assertFalse(historical.has("doseQuantity"), "RXA-6 999 means amount unknown");
  }

  @Test
  void refusedVaccineIsNotDoneWithItsReason() {
    List<JsonNode> imms = all(convert(THREE), "Immunization");
    assertEquals(V2Ids.of("Immunization", "filler", "", "197027"), imms.get(0).path("id").asText(), "ORC-3");
    assertEquals(V2Ids.of("Immunization", "filler", "urn:id:NDA", "IZ-783278"), imms.get(1).path("id").asText());
    JsonNode refused = imms.get(1);
    assertEquals("not-done", refused.path("status").asText(), "RXA-20 RE");
    Map<String, Object> row = row("immunization", refused);
    assertEquals("not-done", row.get("status"));
    assertEquals("00", row.get("status_reason_code"), "RXA-18");
    assertEquals("Parental Refusal", row.get("status_reason_display"));
    assertNull(row.get("dose_quantity"), "999");
    List<Map<String, Object>> coding = silver("coding", imms.get(2));
    assertEquals(List.of("136", "90734"), coding.stream().filter(c -> "vaccine_code".equals(c.get("element")))
        .map(c -> c.get("code")).toList(), "CVX and CPT side by side");
  }

  @Test
  void deletedAdministrationIsEnteredInError() {
    String deleted = V2Fixtures.text(THREE).replace("|PMC^sanofi^MVX|||CP|A|", "|PMC^sanofi^MVX|||CP|D|");
    JsonNode i = all(convertText(deleted), "Immunization").get(0);
    assertEquals("entered-in-error", i.path("status").asText(), "RXA-21 D: the silver build drops it");
    assertEquals(all(convert(THREE), "Immunization").get(0).path("id").asText(), i.path("id").asText(),
        "the same Immunization, so the deletion replaces it");
  }
}
