package org.carelake.transforms.hl7;

import static org.carelake.transforms.hl7.V2Fixtures.all;
import static org.carelake.transforms.hl7.V2Fixtures.convert;
import static org.carelake.transforms.hl7.V2Fixtures.convertText;
import static org.carelake.transforms.hl7.V2Fixtures.lfh;
import static org.carelake.transforms.hl7.V2Fixtures.one;
import static org.carelake.transforms.hl7.V2Fixtures.row;
import static org.carelake.transforms.hl7.V2Fixtures.silver;
import static org.carelake.transforms.hl7.V2Fixtures.withType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DG1 -> Condition -> silver.condition, and the Encounter's diagnoses -> silver.encounter_diagnosis. */
class V2ConditionTest {
  private static final String ICD10CM =
      "linuxforhealth-inline/HL7ConditionFHIRConversionTest__validateConditionICD10CM__00807b6b.hl7";
  private static final String MULTIPLE =
      "linuxforhealth-inline/HL7ConditionFHIRConversionTest__validateEncounterMultipleDiagnoses__033f5ff4.hl7";

  @Test
  void diagnosisBecomesAnEncounterDiagnosisCondition() {
    List<DerivedResource> out = convert(ICD10CM);
    JsonNode c = one(out, "Condition");
    String patient = V2Ids.patient(null, "1234");
    String encounter = V2Ids.encounter(null, "1492");
    assertEquals(V2Ids.of("Condition", patient, encounter, "http://hl7.org/fhir/sid/icd-10-cm", "M54.5"),
        c.path("id").asText(), "patient + encounter + code");
    assertEquals("http://hl7.org/fhir/sid/icd-10-cm", c.at("/code/coding/0/system").asText(), "ICD-10-CM");
    assertEquals("M54.5", c.at("/code/coding/0/code").asText());
    assertEquals("Low back pain", c.at("/code/text").asText(), "DG1-4");
    assertEquals("active", c.at("/clinicalStatus/coding/0/code").asText());
    assertEquals("encounter-diagnosis", c.at("/category/0/coding/0/code").asText());
    assertEquals("2021-04-07T19:13:42-04:00", c.path("onsetDateTime").asText(), "DG1-5");
    assertEquals("Encounter/" + encounter, c.at("/encounter/reference").asText());

    Map<String, Object> row = row("condition", c);
    assertEquals(c.path("id").asText(), row.get("source_id"));
    assertEquals(patient, row.get("source_patient_id"));
    assertEquals(encounter, row.get("encounter_id"));
    assertEquals("active", row.get("clinical_status"));
    assertEquals("encounter-diagnosis", row.get("category_code"));
    assertEquals("http://hl7.org/fhir/sid/icd-10-cm", row.get("code_system"));
    assertEquals("M54.5", row.get("code_code"));
    assertEquals("Low back pain", row.get("code_display"));
    assertEquals(Instant.parse("2021-04-07T23:13:42Z"), row.get("onset_datetime"));

    JsonNode e = one(out, "Encounter");
    Map<String, Object> dx = row("encounter_diagnosis", e);
    assertEquals(c.path("id").asText(), dx.get("condition_id"));
    assertEquals("AD", dx.get("use_code"), "DG1-6 A: admission diagnosis");
  }

  @Test
  void codingSystemNamesAndTheCodingMethodOfOlderVersions() {
    List<JsonNode> cs = all(convert(MULTIPLE), "Condition");
    assertEquals(3, cs.size());
    assertEquals("http://hl7.org/fhir/sid/icd-9-cm", cs.get(0).at("/code/coding/0/system").asText(), "ICD-9");
    assertEquals("http://hl7.org/fhir/sid/icd-10-cm", cs.get(1).at("/code/coding/0/system").asText(), "ICD-10");
    // v2.3 style: the code without a system name, the coding method in DG1-2
    JsonNode broken = one(convert(lfh("Hl7IdentifierFHIRConversionTest__conditionDg1IdentifierTest2__f5f68504")),
        "Condition");
    assertEquals("B45678", broken.at("/code/coding/0/code").asText());
    assertEquals("http://hl7.org/fhir/sid/icd-10-cm", broken.at("/code/coding/0/system").asText(),
        "DG1-2 ICD10 names the system of DG1-3");
    assertEquals("Broken Arm", broken.at("/code/text").asText());
  }

  @Test
  void sameDiagnosisInALaterMessageIsTheSameCondition() {
    String a01 = one(convert(ICD10CM), "Condition").path("id").asText();
    String a08 = one(convertText(withType(ICD10CM, "ADT^A08^ADT_A01")), "Condition").path("id").asText();
    assertEquals(a01, a08);
  }

  @Test
  void deletedDiagnosisIsEnteredInError() {
    String deleted = V2Fixtures.text(ICD10CM).replace("|20210407191342|A", "|20210407191342|A|||||||||||||||D");
    JsonNode c = one(convertText(deleted), "Condition");
    assertEquals("entered-in-error", c.at("/verificationStatus/coding/0/code").asText(), "DG1-21 D");
    assertFalse(c.has("clinicalStatus"), "con-5: no clinical status for an entered-in-error condition");
    assertEquals("entered-in-error", row("condition", c).get("verification_status"), "the silver build drops it");
  }

  @Test
  void textOnlyDiagnosisKeepsItsText() {
    List<DerivedResource> out = convert(
        "linuxforhealth-inline/Hl7EncounterFHIRConversionTest__testEncounterReferencesObservationAndDiagnosis__fd021991"
            + ".hl7");
    JsonNode c = one(out, "Condition");
    assertEquals("Ovarian Cancer", c.at("/code/text").asText());
    assertFalse(c.path("code").has("coding"));
    assertTrue(silver("coding", c).stream().noneMatch(r -> "code".equals(r.get("element"))));
    assertEquals("Ovarian Cancer", row("condition", c).get("code_text"));
  }
}
