package org.carelake.transforms.hl7;

import static org.carelake.transforms.hl7.V2Fixtures.convert;
import static org.carelake.transforms.hl7.V2Fixtures.convertText;
import static org.carelake.transforms.hl7.V2Fixtures.one;
import static org.carelake.transforms.hl7.V2Fixtures.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.carelake.ingestion.hl7.Hl7Message;
import org.junit.jupiter.api.Test;

/** The converter's contract: output shape, Spark-friendliness, and leniency without guessing. */
class V2ToFhirTest {
  private static final String ADT_A01 = "hl7-v2-to-fhir-samples/ADT_A01.hl7";

  @Test
  void resourcesSurviveJavaSerialization() throws Exception {
    List<DerivedResource> out = new ArrayList<>(convert(ADT_A01));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
      o.writeObject(out);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(out, in.readObject());
    }
    assertEquals(List.of("Patient", "Encounter", "AllergyIntolerance", "Coverage", "Observation", "Practitioner",
        "Practitioner", "Practitioner"), types(out), "practitioners after the resources that name them");
  }

  @Test
  void timesWithoutOffsetUseTheGivenZone() {
    Hl7Message m = Hl7Message.parse(V2Fixtures.text(ADT_A01));
    JsonNode utc = V2Fixtures.json(V2ToFhir.convert(m, null, ZoneOffset.UTC).stream()
        .filter(r -> r.resourceType().equals("Encounter")).findFirst().orElseThrow());
    assertEquals("2015-06-01T13:58:00Z", utc.at("/period/start").asText());
    assertFalse(utc.path("meta").has("source"), "no source system, no meta.source");
    JsonNode nullZone = V2Fixtures.json(V2ToFhir.convert(m, null, null).get(0));
    assertEquals("2015-06-01T12:58:23Z", nullZone.at("/meta/lastUpdated").asText(), "MSH-7 has its own offset");
  }

  @Test
  void messageTimeFallsBackToEvn2() {
    String noMsh7 = V2Fixtures.text(ADT_A01).replace("|20150601135823+0100|ADTADM|", "||ADTADM|");
    DerivedResource p = convertText(noMsh7).get(0);
    assertEquals(Instant.parse("2015-06-01T12:58:23Z"), p.lastUpdated(), "EVN-2");
    String neither = noMsh7.replace("EVN|A01|20150601135823+0100|", "EVN|A01||");
    DerivedResource q = convertText(neither).get(0);
    assertNull(q.lastUpdated());
    assertFalse(V2Fixtures.json(q).path("meta").has("lastUpdated"), "no time is invented");
  }

  @Test
  void zSegmentsAndUnknownSegmentsAreIgnored() {
    String plain = V2Fixtures.text(ADT_A01);
    String withZ = plain.replace("\rPV1|", "\rZPI|1|custom^stuff\rXYZ|whatever\rPV1|");
    assertTrue(withZ.contains("ZPI|"));
    assertEquals(convertText(plain), convertText(withZ));
  }

  @Test
  void messagesWithoutPatientGiveNothing() {
    assertTrue(convertText("MSH|^~\\&|A|B|C|D|20240101120000||ACK^A01|1|P|2.5\rMSA|AA|123\r").isEmpty());
    assertTrue(convert(V2Fixtures.lfh("Hl7ORMMessageTest__testORMO01MinimumOrderOnly__26e1f50d")).isEmpty());
  }

  @Test
  void badDatesAreLeftOutNotGuessed() {
    String bad = V2Fixtures.text(ADT_A01).replace("|197006010912|F|", "|1970-06-01|F|")
        .replace("|20150601135800|||", "|20151301135800|||");
    List<DerivedResource> out = convertText(bad);
    assertFalse(one(out, "Patient").has("birthDate"), "'1970-06-01' is no v2 date");
    assertEquals("2015-06-01T13:58:22+01:00", one(out, "Encounter").at("/period/start").asText(),
        "PV1-44 in month 13 is no time: an admission's start is then EVN-6 (event occurred), as documented");
  }

  @Test
  void olderVersionsConvert() {
    // v2.3 (A34), v2.3.1 (ORM with a 5-character MSH-2), v2.6 (RDE): all give their patient
    for (String f : List.of(V2Fixtures.lfh("HL7MergeFHIRConversionTest__validateHappyPathADT_A34WithMRG__c2330a1d"),
        "hl7-v2-to-fhir-samples/ORM_O01.hl7",
        V2Fixtures.lfh("CodeableConceptTest__testCodeableConceptForNDC__8accdfc2"))) {
      assertTrue(types(convert(f)).contains("Patient"), f);
    }
  }
}
