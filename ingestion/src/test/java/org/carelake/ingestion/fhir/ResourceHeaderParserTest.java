package org.carelake.ingestion.fhir;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.carelake.ingestion.QuarantineReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceHeaderParserTest {

  /** Parses {@code json} placed in the middle of a larger buffer, so that off/len must be honoured. */
  static ParsedLine parse(String json) {
    byte[] line = json.getBytes(UTF_8);
    byte[] buf = new byte[line.length + 8];
    byte[] junk = "}]x{\"\n,".getBytes(UTF_8);
    System.arraycopy(junk, 0, buf, 0, 4);
    System.arraycopy(line, 0, buf, 4, line.length);
    System.arraycopy(junk, 0, buf, 4 + line.length, 4);
    ParsedLine out = new ParsedLine();
    assertSame(out, ResourceHeaderParser.parse(buf, 4, line.length, out));
    return out;
  }

  static ParsedLine accepted(String json) {
    ParsedLine p = parse(json);
    assertEquals(ParsedLine.Outcome.ACCEPTED, p.outcome, () -> "rejected: " + p.reason + " " + p.detail);
    assertNull(p.reason);
    assertNull(p.detail);
    return p;
  }

  static ParsedLine rejected(String json, QuarantineReason reason) {
    ParsedLine p = parse(json);
    assertEquals(ParsedLine.Outcome.REJECTED, p.outcome);
    assertEquals(reason, p.reason, () -> "detail: " + p.detail);
    assertNotNull(p.detail);
    assertFalse(p.detail.isBlank());
    assertNull(p.patientId);
    return p;
  }

  // ---- header fields ----

  @Test
  void readsResourceTypeIdAndMeta() {
    ParsedLine p = accepted("{\"resourceType\":\"Observation\",\"id\":\"obs-1\",\"meta\":{\"versionId\":\"3\","
        + "\"lastUpdated\":\"2024-01-02T03:04:05.678+00:00\"},\"status\":\"final\"}");
    assertEquals("Observation", p.resourceType);
    assertEquals("obs-1", p.id);
    assertEquals("3", p.versionId);
    assertEquals("2024-01-02T03:04:05.678+00:00", p.lastUpdated);
  }

  @Test
  void fieldOrderAndNestedLookAlikesDoNotMatter() {
    ParsedLine p = accepted("{\"id\":\"o1\",\"contained\":[{\"resourceType\":\"Patient\",\"id\":\"c1\","
        + "\"meta\":{\"versionId\":\"99\"}}],\"meta\":{\"tag\":[{\"code\":\"x\",\"versionId\":\"nope\"}],"
        + "\"profile\":[\"http://x\"],\"lastUpdated\":\"2023-05-06T07:08:09Z\",\"versionId\":\"7\"},"
        + "\"code\":{\"id\":\"not-me\",\"resourceType\":\"Nope\"},\"resourceType\":\"Observation\"}");
    assertEquals("Observation", p.resourceType);
    assertEquals("o1", p.id);
    assertEquals("7", p.versionId);
    assertEquals("2023-05-06T07:08:09Z", p.lastUpdated);
  }

  @Test
  void metaIsOptionalAndNonStringMetaValuesAreIgnored() {
    ParsedLine none = accepted("{\"resourceType\":\"Organization\",\"id\":\"org\"}");
    assertNull(none.versionId);
    assertNull(none.lastUpdated);

    ParsedLine odd = accepted("{\"resourceType\":\"Organization\",\"id\":\"org\",\"meta\":{\"versionId\":3,"
        + "\"lastUpdated\":null}}");
    assertNull(odd.versionId);
    assertNull(odd.lastUpdated);

    ParsedLine notObject = accepted("{\"resourceType\":\"Organization\",\"meta\":[{\"versionId\":\"1\"}],"
        + "\"id\":\"org\"}");
    assertNull(notObject.versionId);
    assertEquals("org", notObject.id);
  }

  @Test
  void toleratesSurroundingWhitespace() {
    ParsedLine p = accepted("  {\"resourceType\":\"Patient\",\"id\":\"p\"} \t ");
    assertEquals("p", p.id);
  }

  // ---- patient reference ----

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "subject, Patient/123, 123",
      "patient, Patient/abc-def, abc-def",
      "beneficiary, Patient/b1, b1",
      "individual, Patient/i1, i1",
      "subject, https://ehr.example.org/fhir/Patient/p9, p9",
      "subject, https://ehr.example.org/fhir/Patient/p9/_history/2, p9",
      "patient, Patient/p1/_history/3, p1",
      "subject, http://x/fhir/R4/Patient/9f1c2d, 9f1c2d",
  })
  void readsThePatientFromAReference(String field, String reference, String patientId) {
    ParsedLine p = accepted("{\"resourceType\":\"Observation\",\"id\":\"o\",\"" + field + "\":{\"display\":\"Jo\","
        + "\"reference\":\"" + reference + "\",\"type\":\"Patient\"}}");
    assertEquals(patientId, p.patientId);
  }

  @Test
  void aPatientIsItsOwnPatient() {
    ParsedLine p = accepted("{\"resourceType\":\"Patient\",\"id\":\"p-77\",\"link\":[{\"other\":"
        + "{\"reference\":\"Patient/other\"}}],\"subject\":{\"reference\":\"Patient/nope\"}}");
    assertEquals("p-77", p.patientId);
  }

  @Test
  void subjectIsPreferredOverPatientInEitherOrder() {
    assertEquals("s", accepted("{\"resourceType\":\"X\",\"id\":\"1\",\"patient\":{\"reference\":\"Patient/p\"},"
        + "\"subject\":{\"reference\":\"Patient/s\"}}").patientId);
    assertEquals("s", accepted("{\"resourceType\":\"X\",\"id\":\"1\",\"subject\":{\"reference\":\"Patient/s\"},"
        + "\"patient\":{\"reference\":\"Patient/p\"}}").patientId);
  }

  @Test
  void aNonPatientSubjectFallsBackToTheNextField() {
    ParsedLine p = accepted("{\"resourceType\":\"Observation\",\"id\":\"o\",\"subject\":{\"reference\":\"Group/g1\"},"
        + "\"patient\":{\"reference\":\"Patient/p1\"}}");
    assertEquals("p1", p.patientId);
  }

  @Test
  void noPatientWhenNoneIsReferenced() {
    assertNull(accepted("{\"resourceType\":\"Observation\",\"id\":\"o\",\"subject\":{\"reference\":\"Group/g\"}}")
        .patientId);
    assertNull(accepted("{\"resourceType\":\"Observation\",\"id\":\"o\",\"subject\":{\"display\":\"someone\"}}")
        .patientId);
    assertNull(accepted("{\"resourceType\":\"Practitioner\",\"id\":\"pr\"}").patientId);
    assertNull(accepted("{\"resourceType\":\"Observation\",\"id\":\"o\",\"subject\":\"Patient/1\"}").patientId,
        "a subject that is not a Reference object");
    assertNull(accepted("{\"resourceType\":\"Observation\",\"id\":\"o\",\"subject\":{\"reference\":\"Patient/\"}}")
        .patientId, "a reference without an id");
    assertNull(accepted("{\"resourceType\":\"Provenance\",\"id\":\"pv\",\"recorder\":{\"reference\":\"Patient/x\"},"
        + "\"target\":[{\"reference\":\"Patient/y\"}]}").patientId, "only the patient elements count");
  }

  @ParameterizedTest
  @CsvSource({
      "Patient/123, true",
      "https://ehr/fhir/Patient/123, true",
      "Group/1, false",
      "PatientGroup/1, false",
      "urn:uuid:3b62b0a8-44f2-4365-bcb9-7cadef5bab2e, false",
      "Practitioner/Patient, false",
  })
  void isPatientReference(String ref, boolean expected) {
    assertEquals(expected, ResourceHeaderParser.isPatientReference(ref));
  }

  @Test
  void patientIdOf() {
    assertEquals("123", ResourceHeaderParser.patientIdOf("Patient/123"));
    assertEquals("123", ResourceHeaderParser.patientIdOf("https://ehr/fhir/Patient/123/_history/2"));
    assertEquals("a.b-c", ResourceHeaderParser.patientIdOf("Patient/a.b-c/_history/1"));
    assertNull(ResourceHeaderParser.patientIdOf("Patient/"));
    assertNull(ResourceHeaderParser.patientIdOf("https://ehr/fhir/Patient/"));
    assertNull(ResourceHeaderParser.patientIdOf(null));
  }

  // ---- rejections ----

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"resourceType\":\"Patient\",\"id\":\"1\"",
      "{\"resourceType\":\"Patient\" \"id\":\"1\"}",
      "{\"resourceType\":\"Patient\",\"id\":\"1\",}",
      "{resourceType:\"Patient\",\"id\":\"1\"}",
      "{'resourceType':'Patient','id':'1'}",
      "{\"resourceType\":\"Patient\",\"id\":\"1\",\"birthDate\":1985-01-01}",
      "{\"resourceType\":\"Patient\",\"id\":\"1\",\"name\":[{\"family\":\"X\"}}",
      "{\"resourceType\":\"Patient\",\"id\":\"1\",\"n\":NaN}",
      "not json at all",
      "{",
  })
  void malformedJson(String json) {
    rejected(json, QuarantineReason.MALFORMED_JSON);
  }

  @Test
  void malformedJsonDetailSaysWhere() {
    ParsedLine p = rejected("{\"resourceType\":\"Patient\" \"id\":\"1\"}", QuarantineReason.MALFORMED_JSON);
    assertTrue(p.detail.contains("column"), p.detail);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "[{\"resourceType\":\"Patient\",\"id\":\"1\"}] | array",
      "\"Patient\" | string",
      "42 | number",
      "4.5 | number",
      "true | boolean",
      "null | null",
  })
  void notAnObject(String json, String kind) {
    ParsedLine p = rejected(json, QuarantineReason.NOT_AN_OBJECT);
    assertTrue(p.detail.contains(kind), p.detail);
  }

  @Test
  void anEmptyLineIsNotAResource() {
    ParsedLine p = parse("");
    assertEquals(ParsedLine.Outcome.REJECTED, p.outcome);
    assertEquals(QuarantineReason.NOT_AN_OBJECT, p.reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"id\":\"1\"}",
      "{}",
      "{\"resourceType\":5,\"id\":\"1\"}",
      "{\"resourceType\":null,\"id\":\"1\"}",
      "{\"resourceType\":\"\",\"id\":\"1\"}",
      "{\"resourceType\":{\"value\":\"Patient\"},\"id\":\"1\"}",
      "{\"contained\":[{\"resourceType\":\"Patient\"}],\"id\":\"1\"}",
      "{\"resourceType\":[\"Patient\"],\"id\":\"1\"}",
      "{\"resourceType\":{\"resourceType\":\"Patient\",\"id\":\"2\"},\"id\":\"1\"}",
  })
  void missingResourceType(String json) {
    rejected(json, QuarantineReason.MISSING_RESOURCE_TYPE);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"resourceType\":\"Patient\"}",
      "{\"resourceType\":\"Patient\",\"id\":123}",
      "{\"resourceType\":\"Patient\",\"id\":\"\"}",
      "{\"resourceType\":\"Patient\",\"id\":null}",
      "{\"resourceType\":\"Patient\",\"meta\":{\"id\":\"1\"}}",
      "{\"resourceType\":\"Patient\",\"id\":[\"1\"]}",
      "{\"id\":[\"1\",\"2\"],\"resourceType\":\"Patient\"}",
      "{\"resourceType\":\"Patient\",\"id\":{\"id\":\"nested\"}}",
      "{\"id\":{\"id\":\"nested\",\"resourceType\":\"Other\"},\"resourceType\":\"Patient\"}",
  })
  void missingId(String json) {
    ParsedLine p = rejected(json, QuarantineReason.MISSING_ID);
    assertTrue(p.detail.contains("Patient"), p.detail);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"resourceType\":\"Patient\",\"id\":\"1\"} {\"resourceType\":\"Patient\",\"id\":\"2\"}",
      "{\"resourceType\":\"Patient\",\"id\":\"1\"}{\"resourceType\":\"Patient\",\"id\":\"2\"}",
      "{\"resourceType\":\"Patient\",\"id\":\"1\"} 5",
      "{\"resourceType\":\"Patient\",\"id\":\"1\"} \"x\"",
      "{\"resourceType\":\"Patient\",\"id\":\"1\"}[]",
  })
  void trailingContent(String json) {
    ParsedLine p = rejected(json, QuarantineReason.TRAILING_CONTENT);
    assertTrue(p.detail.contains("column"), p.detail);
  }

  @Test
  void aReusedResultIsResetBetweenLines() {
    ParsedLine out = new ParsedLine();
    byte[] good = ("{\"resourceType\":\"Observation\",\"id\":\"o\",\"meta\":{\"versionId\":\"2\",\"lastUpdated\":"
        + "\"2024-01-01T00:00:00Z\"},\"subject\":{\"reference\":\"Patient/p\"}}").getBytes(UTF_8);
    byte[] bad = "[1]".getBytes(UTF_8);
    byte[] other = "{\"resourceType\":\"Device\",\"id\":\"d\"}".getBytes(UTF_8);

    ResourceHeaderParser.parse(good, 0, good.length, out);
    assertEquals("p", out.patientId);
    ResourceHeaderParser.parse(bad, 0, bad.length, out);
    assertEquals(ParsedLine.Outcome.REJECTED, out.outcome);
    assertNull(out.resourceType);
    assertNull(out.id);
    assertNull(out.versionId);
    assertNull(out.lastUpdated);
    assertNull(out.patientId);
    ResourceHeaderParser.parse(other, 0, other.length, out);
    assertEquals(ParsedLine.Outcome.ACCEPTED, out.outcome);
    assertNull(out.reason);
    assertNull(out.detail);
    assertEquals("Device", out.resourceType);
    assertNull(out.patientId);
    assertNull(out.versionId);
  }

  // ---- limits ----

  @Test
  void acceptsLongNumbersUpToTheConfiguredLength() {
    // Jackson's default maxNumberLength is 1,000 digits; the parser allows 10,000.
    String json = "{\"resourceType\":\"Basic\",\"id\":\"n\",\"x\":" + "9".repeat(5000) + "}";
    assertEquals("n", accepted(json).id);
    rejected("{\"resourceType\":\"Basic\",\"id\":\"n\",\"x\":" + "9".repeat(20_000) + "}",
        QuarantineReason.MALFORMED_JSON);
  }

  @Test
  void acceptsDeepNestingUpToTheConfiguredDepth() {
    String deep = "{\"resourceType\":\"Basic\",\"id\":\"d\",\"x\":" + "[".repeat(1500) + "]".repeat(1500) + "}";
    assertEquals("d", accepted(deep).id);
    String tooDeep = "{\"resourceType\":\"Basic\",\"id\":\"d\",\"x\":" + "[".repeat(3000) + "]".repeat(3000) + "}";
    rejected(tooDeep, QuarantineReason.MALFORMED_JSON);
  }

  // ---- real exports ----

  @Test
  void acceptsEveryLineOfTheEcqmFixture() throws IOException {
    Path dir = Path.of(System.getProperty("user.dir"), "src/test/resources/fixtures/ecqm-2025-bulk");
    List<Path> files;
    try (var s = Files.list(dir)) {
      files = s.filter(f -> f.toString().endsWith(".ndjson")).sorted().toList();
    }
    assertFalse(files.isEmpty());
    int withPatient = 0;
    int lines = 0;
    for (Path f : files) {
      String type = BulkExportInputs.typeFromName(f.getFileName().toString());
      try (InputStream in = Files.newInputStream(f)) {
        for (LineReaderTest.Line l : LineReaderTest.readAll(in, 1 << 20)) {
          if (l.bytes().length == 0) {
            continue;
          }
          lines++;
          ParsedLine p = new ParsedLine();
          ResourceHeaderParser.parse(l.bytes(), 0, l.bytes().length, p);
          assertEquals(ParsedLine.Outcome.ACCEPTED, p.outcome, f + " line at " + l.offset() + ": " + p.detail);
          assertEquals(type, p.resourceType);
          assertNotNull(p.id);
          if (p.patientId != null) {
            withPatient++;
          }
          if ("Patient".equals(type) || "Observation".equals(type) || "Condition".equals(type)) {
            assertNotNull(p.patientId, f + " at " + l.offset());
          }
        }
      }
    }
    assertTrue(lines > 1000, "lines: " + lines);
    assertTrue(withPatient > lines / 2, withPatient + " of " + lines);
  }

  // ---- quarantine reasons ----

  @Test
  void quarantineReasonCodesAreStableSnakeCase() {
    Set<String> codes = new HashSet<>();
    for (QuarantineReason r : QuarantineReason.values()) {
      assertEquals(r.name().toLowerCase(Locale.ROOT), r.code());
      assertTrue(codes.add(r.code()), "duplicate code " + r.code());
    }
    assertEquals("malformed_json", QuarantineReason.MALFORMED_JSON.code());
    assertEquals("not_an_object", QuarantineReason.NOT_AN_OBJECT.code());
    assertEquals("missing_resource_type", QuarantineReason.MISSING_RESOURCE_TYPE.code());
    assertEquals("missing_id", QuarantineReason.MISSING_ID.code());
    assertEquals("trailing_content", QuarantineReason.TRAILING_CONTENT.code());
    assertEquals("invalid_utf8", QuarantineReason.INVALID_UTF8.code());
    assertEquals("line_too_long", QuarantineReason.LINE_TOO_LONG.code());
  }
}
