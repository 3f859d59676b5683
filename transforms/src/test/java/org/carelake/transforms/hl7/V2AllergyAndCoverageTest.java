package org.carelake.transforms.hl7;

import static org.carelake.transforms.hl7.V2Fixtures.all;
import static org.carelake.transforms.hl7.V2Fixtures.convert;
import static org.carelake.transforms.hl7.V2Fixtures.lfh;
import static org.carelake.transforms.hl7.V2Fixtures.one;
import static org.carelake.transforms.hl7.V2Fixtures.row;
import static org.carelake.transforms.hl7.V2Fixtures.silver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AL1 -> AllergyIntolerance -> silver.allergy, silver.allergy_reaction; IN1 -> Coverage -> silver.coverage. */
class V2AllergyAndCoverageTest {
  private static final String ADT_A01 = "hl7-v2-to-fhir-samples/ADT_A01.hl7";
  private static final String A02 = lfh("HL7ADTMessageTest__testAdtA02PatientEncounterPresent__f9274d9d");
  private static final String A03 = lfh("HL7ADTMessageTest__testAdtA03AllSegmentsAndMultipleGroups__e203658d");
  private static final String PATIENT = V2Ids.patient("urn:oid:1.2.3.4.5", "1032702");

  @Test
  void pollenAllergyOfTheReferenceAdmit() {
    JsonNode a = one(convert(ADT_A01), "AllergyIntolerance");
    assertEquals(V2Ids.of("AllergyIntolerance", PATIENT, "text", "Timothy Grass"), a.path("id").asText(),
        "AL1-3 has no code: patient + its text");
    assertEquals("active", a.at("/clinicalStatus/coding/0/code").asText());
    assertEquals("allergy", a.path("type").asText(), "AL1-2 LA");
    assertEquals("environment", a.at("/category/0").asText(), "LA pollen: environment");
    assertEquals("low", a.path("criticality").asText(), "AL1-4 MO");
    Map<String, Object> row = row("allergy", a);
    assertEquals(PATIENT, row.get("source_patient_id"));
    assertEquals("active", row.get("clinical_status"));
    assertEquals("environment", row.get("category"));
    assertEquals("low", row.get("criticality"));
    assertEquals("Timothy Grass", row.get("code_text"));
    assertNull(row.get("code_code"));
    assertEquals(true, row.get("has_reaction"));
    Map<String, Object> reaction = row("allergy_reaction", a);
    assertEquals("Sneeze", reaction.get("manifestation_text"), "AL1-5");
  }

  @Test
  void drugAllergyWithTwoManifestationsIsTheSameAllergyInTheNextMessage() {
    JsonNode a = one(convert(A02), "AllergyIntolerance");
    assertEquals("medication", a.at("/category/0").asText(), "AL1-2 DA");
    assertEquals("1605", a.at("/code/coding/0/code").asText());
    assertEquals("urn:id:L", a.at("/code/coding/0/system").asText());
    assertEquals("Muscle Pain", a.at("/reaction/0/manifestation/0/text").asText());
    assertEquals("hair loss", a.at("/reaction/0/manifestation/1/text").asText());
    assertEquals(List.of("1605"), silver("coding", a).stream().map(r -> r.get("code")).toList());
    // The A03 of the same patient sends the allergen twice: one AllergyIntolerance, the same as in the A02.
    List<JsonNode> later = all(convert(A03), "AllergyIntolerance");
    assertEquals(1, later.size());
    assertEquals(a.path("id").asText(), later.get(0).path("id").asText());
  }

  @Test
  void insuranceOfTheReferenceAdmit() {
    JsonNode c = one(convert(ADT_A01), "Coverage");
    assertEquals(V2Ids.of("Coverage", PATIENT, null, "125189"), c.path("id").asText(),
        "patient + plan IN1-2 (empty) + subscriber id");
    assertEquals("active", c.path("status").asText());
    assertEquals("125189", c.path("subscriberId").asText(), "IN1-36 empty: IN1-49 insured's id");
    Map<String, Object> row = row("coverage", c);
    assertEquals(PATIENT, row.get("source_patient_id"));
    assertEquals("active", row.get("status"));
    assertEquals("HMO", row.get("type_code"), "IN1-15");
    assertEquals("125189", row.get("subscriber_member_id"));
    assertEquals("self", row.get("relationship"), "IN1-17 SEL");
    assertEquals(PATIENT, row.get("subscriber_id"));
    assertEquals("MyInsurancePlan", row.get("payor_display"), "IN1-4");
    assertEquals(Instant.parse("2015-01-01T00:00:00Z"), row.get("period_start"), "IN1-12, a date: its start");
    assertEquals(Instant.parse("2015-12-31T00:00:00Z"), row.get("period_end"), "IN1-13");
  }

  @Test
  void planAndPayorIdentifiers() {
    JsonNode c = one(convert(lfh("Hl7VXUMessageTest__test_VXU_with_full_patient_group_and_insurance__de399c09")),
        "Coverage");
    Map<String, Object> row = row("coverage", c);
    assertEquals("Value1", row.get("plan_value"), "IN1-2");
    assertEquals("Value1", row.get("identifier_value"));
    assertEquals("urn:id:System3", row.get("identifier_system"));
    assertEquals("Large Blue Organization", row.get("payor_display"));
    assertEquals("IdValue1", c.at("/payor/0/identifier/value").asText(), "IN1-3");
    assertEquals("urn:id:IdSystem4", c.at("/payor/0/identifier/system").asText());
    // Three identical IN1 without plan or policy: one Coverage, named by the company.
    List<JsonNode> same = all(convert(A03), "Coverage");
    assertEquals(1, same.size());
    assertEquals(V2Ids.of("Coverage", V2Ids.patient(null, "1234"), "company", null, "Large Blue Organization"),
        same.get(0).path("id").asText());
  }
}
