package org.carelake.transforms.hl7;

import static org.carelake.transforms.hl7.V2Fixtures.all;
import static org.carelake.transforms.hl7.V2Fixtures.convert;
import static org.carelake.transforms.hl7.V2Fixtures.convertText;
import static org.carelake.transforms.hl7.V2Fixtures.one;
import static org.carelake.transforms.hl7.V2Fixtures.row;
import static org.carelake.transforms.hl7.V2Fixtures.silver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OBR/OBX -> Observation and DiagnosticReport -> silver.observation, silver.diagnostic_report, silver.coding. */
class V2ObservationTest {
  private static final String ORU = "hl7-v2-to-fhir-samples/ORU_R01.hl7";
  private static final List<String> ORDER = List.of("filler", "urn:id:LabFac", "LAB4432");

  @Test
  void resultsOfTheReferenceOru() {
    List<DerivedResource> out = convert(ORU);
    List<JsonNode> obs = all(out, "Observation");
    assertEquals(3, obs.size());
    JsonNode o = obs.get(0);
    // OBR-3 LAB4432^LabFac^8.7.6.4^ISO: 8.7.6.4 is no OID (roots are 0-2), so the namespace names the filler.
    assertEquals(V2Ids.of("Observation", key("http://loinc.org", "6153-1", "1")), o.path("id").asText());
    assertEquals("final", o.path("status").asText());
    assertEquals("laboratory", o.at("/category/0/coding/0/code").asText());
    assertEquals("http://loinc.org", o.at("/code/coding/0/system").asText());
    assertEquals("6153-1", o.at("/code/coding/0/code").asText());
    assertEquals(3.9, o.at("/valueQuantity/value").asDouble());
    assertEquals("kU/L", o.at("/valueQuantity/unit").asText());
    assertFalse(o.path("valueQuantity").has("system"), "OBX-6 names no coding system: no UCUM claimed");
    assertEquals("2015-06-01T16:08:00-04:00", o.path("effectiveDateTime").asText(), "OBX-14");
    assertEquals("2015-06-01T18:11:00-04:00", o.path("issued").asText(), "OBR-22");
    assertEquals("A", o.at("/interpretation/0/coding/0/code").asText());
    assertEquals("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
        o.at("/interpretation/0/coding/0/system").asText());
    assertEquals("<0.10", o.at("/referenceRange/0/text").asText());
    assertEquals(0.10, o.at("/referenceRange/0/high/value").asDouble());

    JsonNode sn = obs.get(2);
    assertEquals("<", sn.at("/valueQuantity/comparator").asText(), "SN '<0.10' sent in one component");
    assertEquals("0.10", sn.at("/valueQuantity/value").decimalValue().toPlainString(), "digits kept as sent");

    Map<String, Object> row = row("observation", o);
    assertEquals(o.path("id").asText(), row.get("source_id"));
    assertEquals(o.at("/subject/reference").asText().substring(8), row.get("source_patient_id"));
    assertEquals(V2Ids.encounter("urn:oid:1.2.3.4.5.6", "81456267"), row.get("encounter_id"));
    assertEquals("final", row.get("status"));
    assertEquals("laboratory", row.get("category_code"));
    assertEquals("6153-1", row.get("code_code"));
    assertEquals(Instant.parse("2015-06-01T20:08:00Z"), row.get("effective_datetime"));
    assertEquals(Instant.parse("2015-06-01T22:11:00Z"), row.get("issued"));
    assertEquals(0, new BigDecimal("3.9").compareTo((BigDecimal) row.get("value_quantity")));
    assertEquals("kU/L", row.get("value_unit"));
    assertEquals("A", row.get("interpretation"));
    assertEquals(0, new BigDecimal("0.10").compareTo((BigDecimal) row.get("reference_range_high")));
    assertEquals("<0.10", row.get("reference_range_text"));
    assertEquals(V2Ids.practitioner("urn:id:LabFac", "1234"), row.get("performer_id"), "OBX-16");
    assertEquals("<", row(("observation"), sn).get("value_comparator"));
  }

  @Test
  void reportOfTheReferenceOru() {
    List<DerivedResource> out = convert(ORU);
    JsonNode r = one(out, "DiagnosticReport");
    assertEquals(V2Ids.of("DiagnosticReport", ORDER), r.path("id").asText());
    assertEquals("final", r.path("status").asText(), "OBR-25 F");
    assertEquals("PLAC", r.at("/identifier/0/type/coding/0/code").asText());
    assertEquals("urn:oid:2.3.4.4", r.at("/identifier/0/system").asText());
    assertEquals("ORD777888", r.at("/identifier/0/value").asText());
    assertEquals("LAB4432", r.at("/identifier/1/value").asText());
    Map<String, Object> row = row("diagnostic_report", r);
    assertEquals("final", row.get("status"));
    assertEquals("LAB", row.get("category_code"), "OBR-24 empty: a laboratory report");
    assertEquals("51523-9", row.get("code_code"));
    assertEquals(Instant.parse("2015-06-01T20:08:00Z"), row.get("effective_datetime"), "OBR-7");
    List<String> ids = all(out, "Observation").stream().map(o -> o.path("id").asText()).toList();
    assertEquals(ids, row.get("result_ids"));
  }

  @Test
  void localAndLoincCodesStandSideBySide() {
    JsonNode o = all(convert("linuxforhealth-inline/"
        + "Hl7ObservationFHIRConversionTest__extendedObservationUnusualRangesAndOtherTest__b61a2c48.hl7"),
        "Observation").get(0);
    assertEquals(2, o.at("/code/coding").size());
    assertEquals("http://loinc.org", o.at("/code/coding/0/system").asText());
    assertEquals("22314-9", o.at("/code/coding/0/code").asText());
    assertEquals("2.52", o.at("/code/coding/0/version").asText(), "CWE-7");
    assertEquals("urn:id:L", o.at("/code/coding/1/system").asText(), "local code: urn:id: of its name");
    assertEquals("HAVM", o.at("/code/coding/1/code").asText());
    List<Map<String, Object>> coding = silver("coding", o);
    List<String> codes = new ArrayList<>();
    coding.stream().filter(c -> "code".equals(c.get("element"))).forEach(c -> codes.add((String) c.get("code")));
    assertEquals(List.of("22314-9", "HAVM"), codes);
    assertTrue(coding.stream().anyMatch(c -> "value".equals(c.get("element")) && "260385009".equals(c.get("code"))),
        "the CWE value's codings are in silver.coding");
    Map<String, Object> row = row("observation", o);
    assertEquals("http://snomed.info/sct", row.get("value_code_system"));
    assertEquals("260385009", row.get("value_code"));
    assertEquals("Negative (qualifier value)", row.get("value_code_text"), "CWE-9 original text");
  }

  @Test
  void valuesByType() {
    List<JsonNode> obs = all(convertText(withObx(
        obx(1, "SN", "^10^-^20", "mg^milligram^UCUM", "3.5-5.0", "F"),
        obx(2, "SN", "^1^:^128", "", "", "F"),
        obx(3, "SN", ">^60", "mL/min", ">60", "C"),
        obx(4, "SN", "<>^5", "", "", "F"),
        obx(5, "NM", "Positive", "", "", "F"),
        obx(6, "TX", "First line~Second line", "", "", "P"),
        obx(7, "DT", "20150624", "", "", "F"),
        obx(8, "DTM", "2015-06-24", "", "", "F"),
        obx(9, "TM", "1230", "", "", "F"),
        obx(10, "NR", "3.5^5.0", "g/dL", "", "X"),
        obx(11, "CWE", "260373001^Detected^SCT", "", "", "D"),
        obx(12, "ST", "", "", "", "N"),
        obx(13, "ST", "Titer 1^128 reported", "", "", "F"))), "Observation");
    assertEquals(10, obs.get(0).at("/valueRange/low/value").asInt());
    assertEquals(20, obs.get(0).at("/valueRange/high/value").asInt());
    assertEquals("http://unitsofmeasure.org", obs.get(0).at("/valueRange/low/system").asText());
    assertEquals(3.5, obs.get(0).at("/referenceRange/0/low/value").asDouble());
    assertEquals(5.0, obs.get(0).at("/referenceRange/0/high/value").asDouble());
    assertEquals(128, obs.get(1).at("/valueRatio/denominator/value").asInt());
    assertEquals(">", obs.get(2).at("/valueQuantity/comparator").asText());
    assertEquals(60, obs.get(2).at("/referenceRange/0/low/value").asInt(), "'>60' is a low bound");
    assertEquals("corrected", obs.get(2).path("status").asText());
    assertEquals("<> 5", obs.get(3).path("valueString").asText(), "SN with <> is text");
    assertEquals("Positive", obs.get(4).path("valueString").asText(), "NM that is no number: text as sent");
    assertEquals("First line\nSecond line", obs.get(5).path("valueString").asText());
    assertEquals("preliminary", obs.get(5).path("status").asText());
    assertEquals("2015-06-24", obs.get(6).path("valueDateTime").asText());
    assertFalse(obs.get(7).has("valueDateTime"), "an unreadable date is left out, not guessed");
    assertFalse(obs.get(7).has("valueString"));
    assertEquals("12:30:00", obs.get(8).path("valueTime").asText());
    assertEquals(3.5, obs.get(9).at("/valueRange/low/value").asDouble());
    assertEquals("cancelled", obs.get(9).path("status").asText());
    assertEquals("entered-in-error", obs.get(10).path("status").asText(), "D: the silver build drops it");
    assertEquals("final", obs.get(11).path("status").asText());
    assertEquals("not-asked", obs.get(11).at("/dataAbsentReason/coding/0/code").asText());
    assertEquals("Titer 1^128 reported", obs.get(12).path("valueString").asText(), "a stray ^ in text stays text");

    Map<String, Object> range = row("observation", obs.get(0));
    assertEquals(0, BigDecimal.TEN.compareTo((BigDecimal) range.get("value_range_low")));
    assertEquals("milligram", range.get("value_range_unit"));
    Map<String, Object> ratio = row("observation", obs.get(1));
    assertEquals(0, new BigDecimal(128).compareTo((BigDecimal) ratio.get("value_ratio_denominator")));
    assertEquals("First line\nSecond line", row("observation", obs.get(5)).get("value_string"));
    assertNull(row("observation", obs.get(7)).get("value_datetime"));
    assertEquals("12:30:00", row("observation", obs.get(8)).get("value_time"));
  }

  @Test
  void repeatedCodeInOneOrderGetsItsOwnId() {
    List<JsonNode> obs = all(convertText(withObx(
        "OBX|1|TX|11492-6^History^LN||Line one||||||F",
        "OBX|2|TX|11492-6^History^LN||Line two||||||F")), "Observation");
    assertNotEquals(obs.get(0).path("id").asText(), obs.get(1).path("id").asText());
    assertEquals(V2Ids.of("Observation", key("http://loinc.org", "11492-6", null)), obs.get(0).path("id").asText());
    List<String> second = new ArrayList<>(key("http://loinc.org", "11492-6", null));
    second.add("#2");
    assertEquals(V2Ids.of("Observation", second), obs.get(1).path("id").asText());
  }

  @Test
  void observationsOutsideAnOrderHaveNoLabCategory() {
    JsonNode height = one(convert("hl7-v2-to-fhir-samples/ADT_A01.hl7"), "Observation");
    assertFalse(height.has("category"), "an ADT OBX is no lab result");
    assertEquals("http://unitsofmeasure.org", height.at("/valueQuantity/system").asText(), "OBX-6 names UCUM");
    assertEquals("cm", height.at("/valueQuantity/code").asText());
    assertEquals("centimeter", height.at("/valueQuantity/unit").asText());
    Map<String, Object> row = row("observation", height);
    assertEquals("cm", row.get("value_unit_code"));
    assertNull(row.get("category_code"));

    List<JsonNode> vxu = all(convert("hl7-v2-to-fhir-samples/VXU_V04.hl7"), "Observation");
    assertEquals(4, vxu.size());
    assertTrue(vxu.stream().noneMatch(o -> o.has("category")), "VXU OBX describe the immunization");
  }

  @Test
  void ordersWithoutResultsGiveNoReport() {
    List<DerivedResource> orm = convert("hl7-v2-to-fhir-samples/ORM_O01.hl7");
    assertTrue(all(orm, "DiagnosticReport").isEmpty());
    assertTrue(all(orm, "Observation").isEmpty());
  }

  private static List<String> key(String system, String code, String subId) {
    List<String> k = new ArrayList<>(ORDER);
    k.add(system);
    k.add(code);
    k.add(subId);
    return k;
  }

  /** An OBX with value type, value (OBX-5), units, reference range and result status (OBX-11); code n^name^LN. */
  private static String obx(int n, String type, String value, String units, String range, String status) {
    return "OBX|" + n + "|" + type + "|" + n + "^Test " + n + "^LN||" + value + "|" + units + "|" + range
        + "||||" + status;
  }

  /** The reference ORU with its OBX replaced. */
  private static String withObx(String... obx) {
    StringBuilder sb = new StringBuilder();
    for (String seg : V2Fixtures.text(ORU).split("\r\n|\r|\n")) {
      if (seg.startsWith("OBX|")) {
        continue;
      }
      sb.append(seg).append('\r');
      if (seg.startsWith("PRT|")) {
        sb.append(String.join("\r", obx)).append('\r');
      }
    }
    return sb.toString();
  }
}
