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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PV1/PV2 -> Encounter -> silver.encounter, and what the ADT trigger events do to it. */
class V2EncounterTest {
  private static final String ADT_A01 = "hl7-v2-to-fhir-samples/ADT_A01.hl7";
  /** LinuxForHealth's fullest PV1 (v2.6 A01, PV1-2 E, PV1-36 DCD, PV1-44 and PV1-45 both valued). */
  private static final String FULL_PV1 =
      "linuxforhealth-inline/Hl7EncounterFHIRConversionTest__test_encounter_class__2ba94250.hl7";
  private static final String A02 = lfh("HL7ADTMessageTest__testAdtA02PatientEncounterPresent__f9274d9d");
  private static final String A03 = "linuxforhealth-inline/HL7ADTMessageTest__testAdtA03MininumSegments__a7757dd4.hl7";

  @Test
  void admitOfTheReferenceMessage() {
    JsonNode e = one(convert(ADT_A01), "Encounter");
    assertEquals(V2Ids.encounter("urn:oid:1.2.3.4.5.6", "81456267"), e.path("id").asText(), "PV1-19 with authority");
    assertEquals("VN", e.at("/identifier/0/type/coding/0/code").asText());
    assertEquals("in-progress", e.path("status").asText());
    assertEquals("http://terminology.hl7.org/CodeSystem/v3-ActCode", e.at("/class/system").asText());
    assertEquals("EMER", e.at("/class/code").asText(), "PV1-2 E");
    assertEquals("2015-06-01T13:58:00-04:00", e.at("/period/start").asText(), "PV1-44 without offset: given zone");
    assertFalse(e.path("period").has("end"));
    assertEquals("EMERG 101 01", e.at("/location/0/location/display").asText(), "PV1-3 current location first");
    assertEquals("active", e.at("/location/0/status").asText());
    assertEquals("EMERG 103 02", e.at("/location/1/location/display").asText(), "PV1-6 prior location");
    assertEquals("completed", e.at("/location/1/status").asText());
    assertEquals("ATND", e.at("/participant/0/type/0/coding/0/code").asText());
    assertEquals("Emory E Doctor", e.at("/participant/0/individual/display").asText());
    String attending = V2Ids.practitioner(Practitioners.NPI, "214425290");
    assertEquals("Practitioner/" + attending, e.at("/participant/0/individual/reference").asText());
    assertEquals("ADM", e.at("/participant/1/type/0/coding/0/code").asText(), "PV1-17 admitting");
    assertEquals("165002", e.at("/reasonCode/0/coding/0/code").asText(), "PV2-3");
    assertEquals("urn:id:SNM", e.at("/reasonCode/0/coding/0/system").asText(), "SNM is not mapped to a standard");
    assertEquals("Patient/" + V2Ids.patient("urn:oid:1.2.3.4.5", "1032702"), e.at("/subject/reference").asText());

    Map<String, Object> row = row("encounter", e);
    assertEquals(e.path("id").asText(), row.get("source_id"));
    assertEquals(V2Ids.patient("urn:oid:1.2.3.4.5", "1032702"), row.get("source_patient_id"));
    assertEquals("in-progress", row.get("status"));
    assertEquals("EMER", row.get("class_code"));
    assertEquals("E", row.get("type_code"));
    assertEquals("EMR", row.get("service_type_code"));
    assertEquals(Instant.parse("2015-06-01T17:58:00Z"), row.get("period_start"));
    assertNull(row.get("period_end"));
    assertEquals("EMERG 101 01", row.get("location_display"));
    assertEquals(attending, row.get("participant_id"));
    assertEquals("ATND", row.get("participant_type_code"));
    assertEquals("165002", row.get("reason_code_code"));
  }

  @Test
  void participantsArePractitioners() {
    String attending = V2Ids.practitioner(Practitioners.NPI, "214425290");
    JsonNode doc = all(convert(ADT_A01), "Practitioner").stream()
        .filter(p -> p.path("id").asText().equals(attending)).findFirst().orElseThrow();
    assertEquals("http://hl7.org/fhir/sid/us-npi", doc.at("/identifier/0/system").asText(), "XCN-13 NPI");
    assertEquals("Doctor", doc.at("/name/0/family").asText());
    Map<String, Object> row = row("practitioner", doc);
    assertEquals(attending, row.get("source_id"));
    assertEquals("214425290", row.get("npi"));
  }

  @Test
  void fullPv1WithDischarge() {
    JsonNode e = one(convert(FULL_PV1), "Encounter");
    assertEquals(V2Ids.encounter(null, "10019181"), e.path("id").asText());
    assertEquals("finished", e.path("status").asText(), "PV1-45 valued");
    Map<String, Object> row = row("encounter", e);
    assertEquals("finished", row.get("status"));
    assertEquals("EMER", row.get("class_code"));
    assertEquals(Instant.parse("2016-10-13T19:46:26Z"), row.get("period_start"));
    assertEquals(Instant.parse("2016-10-14T19:46:34Z"), row.get("period_end"));
    assertEquals("SAN JOSE", row.get("location_display"));
    assertEquals("A", row.get("type_code"), "PV1-4 admission type");
    assertEquals("CAR", row.get("service_type_code"), "PV1-10 hospital service");
    assertEquals("1", row.get("admit_source_code"), "PV1-14");
    assertEquals("DCD", row.get("discharge_disposition_code"), "PV1-36");
    // Bare codes take the system of the v2 table the field is bound to.
    assertEquals("http://terminology.hl7.org/CodeSystem/v2-0007", row.get("type_system"));
    assertEquals("http://terminology.hl7.org/CodeSystem/v2-0069", row.get("service_type_system"));
    assertEquals("http://terminology.hl7.org/CodeSystem/v2-0023", row.get("admit_source_system"));
    assertEquals("http://terminology.hl7.org/CodeSystem/v2-0112", row.get("discharge_disposition_system"));
    assertEquals("Callie Torres", row.get("participant_display"), "attending first");
    assertEquals(List.of("ATND", "REF", "CON", "ADM"), codes(e.path("participant")));
    assertEquals("10089", e.at("/hospitalization/preAdmissionIdentifier/value").asText(), "PV1-5");
    List<Map<String, Object>> coding = silver("coding", e);
    assertTrue(coding.stream().anyMatch(c -> "discharge_disposition".equals(c.get("element"))
        && "DCD".equals(c.get("code"))), "discharge disposition in silver.coding");
  }

  @Test
  void transferAndDischargeOfOneVisitAreOneEncounter() {
    JsonNode admit = one(convert(A03), "Encounter");
    JsonNode transfer = one(convert(A02), "Encounter");
    assertEquals(admit.path("id").asText(), transfer.path("id").asText(), "same visit number: one Encounter");
    assertEquals(V2Ids.encounter("urn:id:ACME", "VisitNumber"), transfer.path("id").asText());
    assertEquals("in-progress", transfer.path("status").asText());
    assertEquals("IMP", transfer.at("/class/code").asText());
  }

  @Test
  void dischargeFinishesAndTakesTheEventTimeWhenPv1HasNoEnd() {
    JsonNode e = one(convert(A03), "Encounter");
    assertEquals("finished", e.path("status").asText(), "A03");
    assertFalse(e.path("period").has("end"), "no PV1-45, no EVN-6: no end is invented");

    String a03 = withType(FULL_PV1, "ADT^A03^ADT_A03");
    JsonNode d = one(convertText(a03), "Encounter");
    assertEquals("finished", d.path("status").asText());
    assertEquals("2016-10-14T15:46:34-04:00", d.at("/period/end").asText());

    // Without PV1-45, the discharge time is EVN-6 (event occurred).
    String noEnd = a03.replace("|20161013154626|20161014154634|", "|20161013154626||");
    JsonNode n = one(convertText(noEnd), "Encounter");
    assertEquals("2017-10-13T15:36:21-04:00", n.at("/period/end").asText(), "EVN-6 20171013153621");
  }

  @Test
  void cancelAdmitIsEnteredInErrorAndCancelDischargeReopens() {
    JsonNode cancelled = one(convertText(withType(FULL_PV1, "ADT^A11^ADT_A09")), "Encounter");
    assertEquals("entered-in-error", cancelled.path("status").asText(), "A11: the silver build drops it");
    assertEquals(one(convert(FULL_PV1), "Encounter").path("id").asText(), cancelled.path("id").asText());

    JsonNode reopened = one(convertText(withType(FULL_PV1, "ADT^A13^ADT_A01")), "Encounter");
    assertEquals("in-progress", reopened.path("status").asText(), "A13");
    assertFalse(reopened.path("period").has("end"), "A13: the discharge time no longer holds");
    assertEquals("2016-10-13T15:46:26-04:00", reopened.at("/period/start").asText());
  }

  @Test
  void updatesAreNewVersionsStampedWithTheMessageTime() {
    // A08 after A01: the same Encounter id; lastUpdated is MSH-7, so the silver build keeps the newest message's
    // version whatever the order of arrival.
    String a01 = V2Fixtures.text(FULL_PV1);
    String a08 = withType(FULL_PV1, "ADT^A08^ADT_A01").replace("|20151008111200|S1|", "|20151009120000|S1|");
    DerivedResource first = encounter(convertText(a01));
    DerivedResource update = encounter(convertText(a08));
    assertEquals(first.id(), update.id());
    assertEquals(Instant.parse("2015-10-08T15:12:00Z"), first.lastUpdated(), "MSH-7 without offset: given zone");
    assertEquals(Instant.parse("2015-10-09T16:00:00Z"), update.lastUpdated());
    assertTrue(update.lastUpdated().isAfter(first.lastUpdated()));
  }

  @Test
  void personLevelEventsAndEmptyVisitsGiveNoEncounter() {
    // A31 and A28 carry "PV1|1|N" or a PV1 about nothing: the person is updated, no visit is made up.
    for (String f : List.of("linuxforhealth-inline/Hl7PatientFHIRConversionTest__verify_data_lineage_ADT__a4003dde.hl7",
        ADT_A01)) {
      List<DerivedResource> out = convertText(withType(f, "ADT^A31^ADT_A05"));
      assertTrue(all(out, "Encounter").isEmpty(), f + " as A31");
      assertEquals(1, all(out, "Patient").size());
    }
  }

  @Test
  void visitWithoutNumberIsNamedByTheMessage() {
    String withoutVisit = V2Fixtures.text(FULL_PV1).replace("|AH|10019181|", "|AH||");
    JsonNode e = one(convertText(withoutVisit), "Encounter");
    List<String> key = List.of("message", "PROSOLV", "SENTARA", "20151008111200", "MSGID000001", "PV1-1");
    assertEquals(V2Ids.of("Encounter", key), e.path("id").asText(), "sender, MSH-7, control id, patient block");
    assertEquals(1, e.path("identifier").size());
    assertEquals("POL8009", e.at("/identifier/0/value").asText(), "only the alternate visit id PV1-50");
  }

  private static DerivedResource encounter(List<DerivedResource> out) {
    return out.stream().filter(r -> r.resourceType().equals("Encounter")).findFirst().orElseThrow();
  }

  private static List<String> codes(JsonNode participants) {
    List<String> out = new java.util.ArrayList<>();
    participants.forEach(p -> out.add(p.at("/type/0/coding/0/code").asText()));
    return out;
  }
}
