package org.carelake.transforms.hl7;

import static org.carelake.transforms.hl7.V2Fixtures.convert;
import static org.carelake.transforms.hl7.V2Fixtures.one;
import static org.carelake.transforms.hl7.V2Fixtures.row;
import static org.carelake.transforms.hl7.V2Fixtures.silver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PID/PD1 -> Patient -> silver.patient and silver.identifier. */
class V2PatientTest {
  private static final String ADT_A01 = "hl7-v2-to-fhir-samples/ADT_A01.hl7";

  @Test
  void pidOfTheReferenceAdmitBecomesAPatient() {
    List<DerivedResource> out = convert(ADT_A01);
    JsonNode p = one(out, "Patient");
    // id: the MR identifier, system from its assigning authority's OID
    String id = V2Ids.patient("urn:oid:1.2.3.4.5", "1032702");
    assertEquals(id, p.path("id").asText());
    DerivedResource r = out.stream().filter(x -> x.resourceType().equals("Patient")).findFirst().orElseThrow();
    assertEquals(id, r.patientId());
    assertEquals(Instant.parse("2015-06-01T12:58:23Z"), r.lastUpdated(), "MSH-7 20150601135823+0100");
    assertEquals("2015-06-01T12:58:23Z", p.at("/meta/lastUpdated").asText());
    assertEquals("test-hl7#4637382", p.at("/meta/source").asText());

    assertEquals("MR", p.at("/identifier/0/type/coding/0/code").asText());
    assertEquals("http://terminology.hl7.org/CodeSystem/v2-0203", p.at("/identifier/0/type/coding/0/system").asText());
    assertEquals("urn:oid:1.2.3.4.5", p.at("/identifier/0/system").asText());
    assertEquals("1032702", p.at("/identifier/0/value").asText());
    assertEquals("2019-01-01", p.at("/identifier/0/period/start").asText());
    assertEquals("N09204074", p.at("/identifier/1/value").asText());
    assertEquals("http://hl7.org/fhir/sid/us-ssn", p.at("/identifier/2/system").asText());
    assertEquals("000-00-0000", p.at("/identifier/2/value").asText());

    assertEquals("official", p.at("/name/0/use").asText(), "XPN-7 L");
    assertEquals("Everywoman", p.at("/name/0/family").asText());
    assertEquals("[\"Eve\",\"L\"]", p.at("/name/0/given").toString());
    assertEquals("[\"Dr\"]", p.at("/name/0/prefix").toString());
    assertEquals("[\"Jr\",\"PhD\"]", p.at("/name/0/suffix").toString());
    assertEquals("maiden", p.at("/name/1/use").asText(), "XPN-7 M");
    assertEquals("Original", p.at("/name/1/family").asText());
    assertEquals("2000-09-08", p.at("/name/1/period/end").asText(), "XPN-10 validity range");

    assertEquals("female", p.path("gender").asText());
    assertEquals("1970-06-01", p.path("birthDate").asText());
    assertEquals("1970-06-01T09:12:00-04:00", p.at("/_birthDate/extension/0/valueDateTime").asText(),
        "PID-7 197006010912 has a time: birthTime, read in the given zone");
    assertFalse(p.path("deceasedBoolean").asBoolean(true), "PID-30 N");
    assertEquals(2, p.path("multipleBirthInteger").asInt(), "PID-25 birth order");

    JsonNode race = p.at("/extension/0");
    assertEquals("http://hl7.org/fhir/us/core/StructureDefinition/us-core-race", race.path("url").asText());
    assertEquals("ombCategory", race.at("/extension/0/url").asText());
    assertEquals("urn:oid:2.16.840.1.113883.6.238", race.at("/extension/0/valueCoding/system").asText());
    assertEquals("1002-5", race.at("/extension/0/valueCoding/code").asText());
    assertEquals("2106-3", race.at("/extension/1/valueCoding/code").asText());
    assertEquals("American Indian or Alaska Native, White", race.at("/extension/2/valueString").asText());
    JsonNode ethnicity = p.at("/extension/1");
    assertEquals("http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity", ethnicity.path("url").asText());
    assertEquals("2186-5", ethnicity.at("/extension/0/valueCoding/code").asText(), "table 0189 N");
    assertEquals("Madewell", p.at("/extension/2/valueString").asText(), "PID-6 mother's maiden name");

    assertEquals("[\"1000 House Lane\",\"Appt 123\"]", p.at("/address/0/line").toString());
    assertEquals("Ann Arbor", p.at("/address/0/city").asText(), "trailing space trimmed");
    assertEquals("home", p.at("/address/0/use").asText());
    assertEquals("WA", p.at("/address/0/district").asText());
    assertEquals("temp", p.at("/address/1/use").asText(), "XAD-7 V (vacation)");
    assertEquals("2021-11-15", p.at("/address/1/period/end").asText());

    assertEquals("phone", p.at("/telecom/0/system").asText());
    assertEquals("+1 (555) 555-8473", p.at("/telecom/0/value").asText());
    assertEquals("home", p.at("/telecom/0/use").asText());
    assertEquals("email", p.at("/telecom/1/system").asText());
    assertEquals("eve@test.test", p.at("/telecom/1/value").asText());
    assertEquals("+1 (555) 555-1126 ext. 12", p.at("/telecom/2/value").asText());
    assertEquals("work", p.at("/telecom/2/use").asText());

    assertEquals("http://terminology.hl7.org/CodeSystem/v3-MaritalStatus", p.at("/maritalStatus/coding/0/system")
        .asText());
    assertEquals("http://terminology.hl7.org/CodeSystem/v2-0002", p.at("/maritalStatus/coding/1/system").asText());
    assertEquals("urn:ietf:bcp:47", p.at("/communication/0/language/coding/0/system").asText());
    assertEquals("en", p.at("/communication/0/language/coding/0/code").asText());
    assertEquals("Gordon Denny Smith", p.at("/generalPractitioner/0/display").asText(), "PD1-4");
    assertEquals("East Hospital", p.at("/generalPractitioner/1/display").asText(), "PD1-3");
  }

  @Test
  void silverPatientRowOfTheReferenceAdmit() {
    JsonNode p = one(convert(ADT_A01), "Patient");
    Map<String, Object> row = row("patient", p);
    assertEquals(p.path("id").asText(), row.get("source_patient_id"));
    assertEquals("1032702", row.get("mrn"));
    assertEquals("urn:oid:1.2.3.4.5", row.get("mrn_system"));
    assertEquals("000-00-0000", row.get("ssn"));
    assertEquals("N09204074", row.get("drivers_license"));
    assertEquals("Everywoman", row.get("family"));
    assertEquals("Eve", row.get("given"));
    assertEquals(List.of("Eve", "L"), row.get("given_all"));
    assertEquals("Original", row.get("maiden_family"));
    assertEquals("Madewell", row.get("mothers_maiden_name"));
    assertEquals(LocalDate.of(1970, 6, 1), row.get("birth_date"));
    assertEquals("female", row.get("gender"));
    assertEquals(false, row.get("deceased_boolean"));
    assertNull(row.get("deceased_datetime"));
    assertEquals("urn:oid:2.16.840.1.113883.6.238", row.get("race_system"));
    assertEquals("1002-5", row.get("race_code"));
    assertEquals(List.of("1002-5", "2106-3"), row.get("race_codes"));
    assertEquals("American Indian or Alaska Native, White", row.get("race_text"));
    assertEquals("2186-5", row.get("ethnicity_code"));
    assertEquals("M", row.get("marital_status_code"));
    assertEquals("en", row.get("language_code"));
    assertEquals(2, row.get("multiple_birth_integer"));
    assertEquals("+1 (555) 555-8473", row.get("phone"));
    assertEquals("eve@test.test", row.get("email"));
    assertEquals("1000 House Lane", row.get("address_line"));
    assertEquals("Appt 123", row.get("address_line2"));
    assertEquals("Ann Arbor", row.get("address_city"));
    assertEquals("WA", row.get("address_district"));
    assertEquals("MI", row.get("address_state"));
    assertEquals("99999", row.get("address_postal_code"));
    assertEquals("USA", row.get("address_country"));
    assertEquals(p.at("/generalPractitioner/0/reference").asText(), row.get("general_practitioner_reference"));
    assertEquals(p.at("/generalPractitioner/0/reference").asText().substring("Practitioner/".length()),
        row.get("general_practitioner_id"));
  }

  @Test
  void silverIdentifierRowsIndexThePatient() {
    JsonNode p = one(convert(ADT_A01), "Patient");
    List<Map<String, Object>> rows = silver("identifier", p);
    assertEquals(4, rows.size());
    Map<String, Object> mr = rows.get(0);
    assertEquals(p.path("id").asText(), mr.get("source_id"));
    assertEquals("Patient", mr.get("resource_type"));
    assertEquals("urn:oid:1.2.3.4.5", mr.get("system"));
    assertEquals("1032702", mr.get("value"));
    assertEquals("MR", mr.get("type_code"));
    assertEquals(List.of("MR", "DL", "SS", "DL"), rows.stream().map(x -> x.get("type_code")).toList());
  }

  @Test
  void theSamePatientInAnotherMessageHasTheSameId() {
    // VXU names the authority SndFac, ADT V2FHIR: the same OID, so the same system and the same Patient.
    String adt = one(convert(ADT_A01), "Patient").path("id").asText();
    assertEquals(adt, one(convert("hl7-v2-to-fhir-samples/VXU_V04.hl7"), "Patient").path("id").asText());
    // "1234^^^^MR" in one message and "1234" (no type, no authority) in another: same system (none), same value.
    assertEquals(V2Ids.patient(null, "1234"),
        one(convert("linuxforhealth-inline/Hl7MedicationRequestFHIRConversionTest__medicationFromOMPTest__c2e317b1"
            + ".hl7"), "Patient").path("id").asText());
    assertEquals(V2Ids.patient(null, "1234"),
        one(convert("linuxforhealth-inline/CodeableConceptTest__testCodeableConceptForNDC__8accdfc2.hl7"), "Patient")
            .path("id").asText());
  }

  @Test
  void deathDateCountyAndOlderStyleValues() {
    // v2.5.1 VXU: PID-29 2006 (a year only), county in XAD-9, free-text language and marital status, an XTN whose
    // country code is not numeric ("PH"), race/ethnicity with CDC codes under CDCREC.
    JsonNode p = one(convert(
        "linuxforhealth-inline/Hl7PatientFHIRConversionTest__patient_deceased_conversion_test1__07b64ed3.hl7"),
        "Patient");
    assertEquals("2006", p.path("deceasedDateTime").asText());
    assertFalse(p.has("deceasedBoolean"));
    assertEquals("MN053", p.at("/address/0/district").asText(), "XAD-9 county wins over PID-12");
    assertEquals("(555) 5555555", p.at("/telecom/0/value").asText());
    assertEquals("english", p.at("/communication/0/language/coding/0/code").asText());
    assertFalse(p.at("/communication/0/language/coding/0").has("system"), "no system is invented");
    assertEquals("married", p.at("/maritalStatus/coding/0/code").asText(), "unmapped: kept as sent, one coding");
    assertEquals(1, p.at("/maritalStatus/coding").size());
    assertEquals("male", p.path("gender").asText());
    assertEquals("ALTID", p.at("/identifier/1/value").asText(), "PID-4");
    Map<String, Object> row = row("patient", p);
    assertEquals(Instant.parse("2006-01-01T00:00:00Z"), row.get("deceased_datetime"), "partial date: low boundary");
    assertEquals("2106-3", row.get("race_code"));
    assertEquals("2186-5", row.get("ethnicity_code"));
    assertEquals(LocalDate.of(2006, 5, 4), row.get("birth_date"));
  }
}
