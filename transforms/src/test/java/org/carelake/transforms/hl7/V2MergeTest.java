package org.carelake.transforms.hl7;

import static org.carelake.transforms.hl7.V2Fixtures.all;
import static org.carelake.transforms.hl7.V2Fixtures.convert;
import static org.carelake.transforms.hl7.V2Fixtures.convertText;
import static org.carelake.transforms.hl7.V2Fixtures.lfh;
import static org.carelake.transforms.hl7.V2Fixtures.one;
import static org.carelake.transforms.hl7.V2Fixtures.row;
import static org.carelake.transforms.hl7.V2Fixtures.withType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A40/A34 (PID + MRG) -> the surviving and the retired Patient, linked -> silver.patient_link. */
class V2MergeTest {
  private static final String A40 = lfh("HL7MergeFHIRConversionTest__validateHappyPathADT_A40WithMRG__87e654c9");
  private static final String TWO = lfh("HL7MergeFHIRConversionTest__validateTwoMRGs__844ea837");
  private static final String A34 = lfh("HL7MergeFHIRConversionTest__validateHappyPathADT_A34WithMRG__c2330a1d");
  private static final String SURVIVOR = V2Ids.patient("urn:id:XYZ", "MR1");
  private static final String RETIRED = V2Ids.patient("urn:id:XYZ", "MR2");

  @Test
  void mergeLinksTheRetiredRecordToTheSurvivor() {
    List<JsonNode> patients = all(convert(A40), "Patient");
    assertEquals(2, patients.size());
    JsonNode survivor = patients.get(0);
    JsonNode retired = patients.get(1);
    assertEquals(SURVIVOR, survivor.path("id").asText());
    assertEquals(RETIRED, retired.path("id").asText());
    assertTrue(survivor.path("active").asBoolean());
    assertEquals("replaces", survivor.at("/link/0/type").asText());
    assertEquals("Patient/" + RETIRED, survivor.at("/link/0/other/reference").asText());
    assertFalse(retired.path("active").asBoolean(true));
    assertEquals("replaced-by", retired.at("/link/0/type").asText());
    assertEquals("Patient/" + SURVIVOR, retired.at("/link/0/other/reference").asText());
    assertEquals("MR2", retired.at("/identifier/0/value").asText(), "MRG-1");
    assertTrue(all(convert(A40), "Encounter").isEmpty(), "a merge is no visit");

    Map<String, Object> kept = row("patient_link", survivor);
    assertEquals(SURVIVOR, kept.get("source_id"));
    assertEquals(SURVIVOR, kept.get("source_patient_id"));
    assertEquals(true, kept.get("active"));
    assertEquals("replaces", kept.get("type"));
    assertEquals("Patient/" + RETIRED, kept.get("other_reference"));
    assertEquals(RETIRED, kept.get("other_patient_id"));
    Map<String, Object> gone = row("patient_link", retired);
    assertEquals(RETIRED, gone.get("source_patient_id"));
    assertEquals(false, gone.get("active"));
    assertEquals("replaced-by", gone.get("type"));
    assertEquals(SURVIVOR, gone.get("other_patient_id"));
    assertEquals(false, row("patient", retired).get("active"));
  }

  @Test
  void theRetiredIdIsTheOneItsOwnMessagesGaveIt() {
    // An earlier message about MR2 (the A40 turned into an A08 for PID MR2^^^XYZ^MR, without MRG)
    String earlier = withType(A40, "ADT^A08^ADT_A01").replace("PID|||MR1^^^XYZ^MR||", "PID|||MR2^^^XYZ^MR||")
        .replace("MRG|MR2^^^XYZ", "");
    assertEquals(RETIRED, one(convertText(earlier), "Patient").path("id").asText());
  }

  @Test
  void twoMergesInOneMessage() {
    List<JsonNode> patients = all(convert(TWO), "Patient");
    assertEquals(4, patients.size());
    assertEquals("Patient/" + V2Ids.patient("urn:id:XYZ", "MR4"), patients.get(2).at("/link/0/other/reference")
        .asText(), "MR3 replaces MR4");
    assertEquals("replaced-by", patients.get(3).at("/link/0/type").asText());
  }

  @Test
  void mergePatientIdOnly() {
    List<JsonNode> patients = all(convert(A34), "Patient");
    assertEquals(2, patients.size());
    assertEquals("replaces", patients.get(0).at("/link/0/type").asText());
    assertEquals("replaced-by", patients.get(1).at("/link/0/type").asText());
  }

  @Test
  void anMrgOutsideAMergeEventLinksNothing() {
    List<JsonNode> patients = all(convertText(withType(A40, "ADT^A08^ADT_A01")), "Patient");
    assertEquals(1, patients.size());
    assertFalse(patients.get(0).has("link"));
    assertTrue(V2Fixtures.silver("patient_link", patients.get(0)).isEmpty(), "no link, no row");
  }
}
