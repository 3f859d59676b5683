package org.carelake.transforms.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The terminology file readers on real-shaped files, and their errors on malformed ones. */
class TerminologyFilesTest {
  private static final String VSAC = "http://cts.nlm.nih.gov/fhir/ValueSet/";

  static TerminologyContent resource(String name) {
    InputStream in = TerminologyFilesTest.class.getResourceAsStream(name);
    if (in == null) {
      throw new AssertionError("missing test resource " + name);
    }
    return TerminologyFiles.read(name, in);
  }

  private static TerminologyContent text(String name, String content) {
    return TerminologyFiles.read(name, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
  }

  private static String error(String name, String content) {
    return assertThrows(TerminologyFileException.class, () -> text(name, content)).getMessage();
  }

  private static List<String> codes(List<ValueSetCode> rows) {
    return rows.stream().map(r -> r.system() + "|" + r.code()).toList();
  }

  @Test
  void ecqmValueSetsTsv() {
    TerminologyContent c = resource("cms122-valuesets-excerpt.tsv");
    assertEquals(42, c.valueSetCodes().size());
    assertEquals(List.of(), c.warnings());
    Map<String, Long> perValueSet = c.valueSetCodes().stream()
        .collect(Collectors.groupingBy(ValueSetCode::valueSetName, LinkedHashMap::new, Collectors.counting()));
    assertEquals(Map.of("HospiceEncounter", 26L, "Diabetes", 11L, "HbA1cLaboratoryTest", 5L), perValueSet);
    assertEquals(new ValueSetCode(VSAC + "2.16.840.1.113883.3.464.1003.1003", "2.16.840.1.113883.3.464.1003.1003",
        "20210820", "HospiceEncounter", "http://www.nlm.nih.gov/research/umls/hcpcs", "G9473",
        "Services performed by chaplain in the hospice setting, each 15 minutes"), c.valueSetCodes().get(0));
    ValueSetCode last = c.valueSetCodes().get(41);
    assertEquals(List.of("2.16.840.1.113883.3.464.1003.198.12.1013", "20170504", "http://loinc.org", "96595-4",
        "Hemoglobin A1c/Hemoglobin.total in DBS"),
        List.of(last.valueSetOid(), last.valueSetVersion(), last.system(), last.code(), last.display()));
  }

  @Test
  void valueSetWithExpansion() {
    TerminologyContent c = resource("valueset-expansion.json");
    String url = VSAC + "2.16.840.1.113883.3.464.1003.198.12.1013";
    assertEquals(List.of("http://loinc.org|4548-4", "http://loinc.org|96595-4", "http://loinc.org|17855-8",
        "http://loinc.org|17856-6", "http://loinc.org|4549-2"), codes(c.valueSetCodes()));
    ValueSetCode first = c.valueSetCodes().get(0);
    assertEquals(new ValueSetCode(url, "2.16.840.1.113883.3.464.1003.198.12.1013", "20170504", "HbA1cLaboratoryTest",
        "http://loinc.org", "4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood"), first);
    assertEquals(List.of(), c.warnings(), "the abstract grouping is not a code and raises nothing");
  }

  @Test
  void valueSetWithComposeOnly() {
    TerminologyContent c = resource("valueset-compose.json");
    assertEquals(List.of("http://hl7.org/fhir/sid/icd-10-cm|E11.9", "http://hl7.org/fhir/sid/icd-10-cm|E11.65",
        "http://snomed.info/sct|44054006", "http://snomed.info/sct|46635009"), codes(c.valueSetCodes()),
        "E10.10 is excluded");
    ValueSetCode row = c.valueSetCodes().get(0);
    // known only by its OID (a urn:oid: url): VSAC's url, the title as name
    assertEquals(VSAC + "2.16.840.1.113883.3.464.1003.103.12.1001", row.valueSetUrl());
    assertEquals("2.16.840.1.113883.3.464.1003.103.12.1001", row.valueSetOid());
    assertEquals("Diabetes", row.valueSetName());
    String vs = "valueset-compose.json: ValueSet " + VSAC + "2.16.840.1.113883.3.464.1003.103.12.1001: ";
    assertEquals(List.of(
        vs + "compose.include[2] selects http://snomed.info/sct codes by filter (concept is-a 73211009);"
            + " not expanded locally",
        vs + "compose.include[3] includes value set(s) "
            + VSAC + "2.16.840.1.113883.3.464.1003.113.12.1074; not expanded locally"), c.warnings());
  }

  @Test
  void anExcludeThatCannotBeAppliedDropsTheValueSet() {
    TerminologyContent c = text("vs.json", """
        {"resourceType": "ValueSet", "url": "http://carelake.example/fhir/ValueSet/x",
         "compose": {"include": [{"system": "http://loinc.org", "concept": [{"code": "2345-7"}]}],
                     "exclude": [{"system": "http://loinc.org", "filter": [{"property": "CLASS", "op": "=",
                                  "value": "CHEM"}]}]}}
        """);
    assertEquals(List.of(), c.valueSetCodes());
    assertEquals(List.of("vs.json: ValueSet http://carelake.example/fhir/ValueSet/x: compose.exclude[0] cannot be"
        + " applied without a terminology server; value set skipped rather than loaded too wide"), c.warnings());
  }

  @Test
  void codeSystemWithNestedConcepts() {
    TerminologyContent c = resource("codesystem-nested.json");
    String url = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    assertEquals(List.of("active", "recurrence", "relapse", "inactive", "remission", "resolved"),
        c.codeSystemConcepts().stream().map(CodeSystemConcept::code).toList());
    assertEquals(new CodeSystemConcept(url, "3.0.0", "remission", "Remission"), c.codeSystemConcepts().get(4));
  }

  @Test
  void r4ConceptMap() {
    TerminologyContent c = resource("conceptmap-r4.json");
    String url = "http://carelake.example/fhir/ConceptMap/lab-local";
    List<ConceptMapEntry> e = c.conceptMapEntries();
    assertEquals(4, e.size(), "MISC maps to nothing");
    assertEquals(new ConceptMapEntry(url, "1", null, "urn:carelake:lab:local", "GLU", "Glucose", "http://loinc.org",
        "2345-7", "Glucose [Mass/volume] in Serum or Plasma", "equivalent"), e.get(0));
    assertEquals("wider", e.get(2).equivalence());
    assertEquals(new ConceptMapEntry(url, "1", null, "http://snomed.info/sct", "44054006", "Diabetes mellitus type 2",
        "http://hl7.org/fhir/sid/icd-10-cm", "E11.9", "Type 2 diabetes mellitus without complications", "narrower"),
        e.get(3));
    assertEquals(List.of("conceptmap-r4.json: ConceptMap " + url + ": group[0].unmapped (mode fixed) is not applied"),
        c.warnings());
    assertEquals("lab", e.get(0).withSourceFeed("lab").sourceFeed());
  }

  @Test
  void bundleOfResourcesIncludingAnR5ConceptMapAndANestedBundle() {
    TerminologyContent c = resource("bundle.json");
    assertEquals(List.of("http://hl7.org/fhir/sid/cvx|08", "http://hl7.org/fhir/sid/cvx|110"),
        codes(c.valueSetCodes()));
    ValueSetCode hepB = c.valueSetCodes().get(0);
    assertNull(hepB.valueSetOid());
    assertEquals("http://carelake.example/fhir/ValueSet/hep-b", hepB.valueSetUrl());
    assertEquals(List.of(new ConceptMapEntry("http://carelake.example/fhir/ConceptMap/snomed-us", null, null,
        "http://snomed.info/sct", "1121000119107", "Chronic neck pain", "http://hl7.org/fhir/sid/icd-10-cm", "M54.2",
        "Cervicalgia", "equivalent")), c.conceptMapEntries(), "the source loses its |version");
    assertEquals(List.of(new CodeSystemConcept("http://carelake.example/fhir/CodeSystem/lab-local", null, "GLU",
        "Glucose")), c.codeSystemConcepts());
  }

  @Test
  void ndjsonOneResourcePerLine() {
    TerminologyContent c = resource("terminology.ndjson");
    assertEquals(List.of("unconfirmed", "provisional", "differential", "confirmed"),
        c.codeSystemConcepts().stream().map(CodeSystemConcept::code).toList());
    assertEquals(List.of(new ValueSetCode(VSAC + "2.16.840.1.113762.1.4.1", "2.16.840.1.113762.1.4.1", "20150331",
        "ONCAdministrativeSex", "http://terminology.hl7.org/CodeSystem/v3-AdministrativeGender", "F", "Female"),
        new ValueSetCode(VSAC + "2.16.840.1.113762.1.4.1", "2.16.840.1.113762.1.4.1", "20150331",
        "ONCAdministrativeSex", "http://terminology.hl7.org/CodeSystem/v3-AdministrativeGender", "M", "Male")),
        c.valueSetCodes());
  }

  @Test
  void csvConceptMapWithQuotedCommasQuotesAndLineBreaks() {
    TerminologyContent c = resource("conceptmap-quoted.csv");
    String url = "http://carelake.example/ConceptMap/chem";
    assertEquals(List.of(
        new ConceptMapEntry(url, null, null, "99LAB", "GLUF", "Glucose, fasting", "http://loinc.org", "1558-6",
            "Fasting glucose [Mass/volume] in Serum or Plasma", "equivalent"),
        new ConceptMapEntry(url, null, null, "99LAB", "NA", "Sodium \"Na\", serum", "http://loinc.org", "2951-2",
            "Sodium [Moles/volume] in Serum or Plasma", null),
        new ConceptMapEntry(url, null, null, "99LAB", "K", "Potassium", "http://loinc.org", "2823-3",
            "Potassium [Moles/volume] in Serum or Plasma", "wider")), c.conceptMapEntries(),
        "the unmatched CMT row (its display spans two lines) maps to nothing");
  }

  @Test
  void csvWithoutMapUrlColumnNamesTheMapAfterTheFileAndMayBindAFeed() {
    TerminologyContent c = text("lab-map.csv", """
        source_feed,source_system,source_code,target_system,target_code
        lab,L,GLU,LN,2345-7
        """);
    assertEquals(List.of(new ConceptMapEntry("lab-map.csv", null, "lab", "L", "GLU", null, "LN", "2345-7", null,
        null)), c.conceptMapEntries());
  }

  @Test
  void formatFromContentWhenTheNameDoesNotTell() {
    String ndjson = """
        {"resourceType":"CodeSystem","url":"http://a.example/cs","concept":[{"code":"a"}]}
        {"resourceType":"CodeSystem","url":"http://b.example/cs","concept":[{"code":"b"}]}
        """;
    assertEquals(2, text("export", ndjson).codeSystemConcepts().size());
    assertEquals(1, text("cs.txt", "{\n  \"resourceType\": \"CodeSystem\", \"url\": \"http://a.example/cs\",\n"
        + "  \"concept\": [{\"code\": \"a\"}]\n}\n").codeSystemConcepts().size());
    String tsv = "valueset_oid\tvalueset_name\tversion\tsystem\tcode\tdisplay\n"
        + "2.16.840.1.113762.1.4.1\tONCAdministrativeSex\t20150331\t"
        + "http://terminology.hl7.org/CodeSystem/v3-AdministrativeGender\tF\tFemale\n";
    assertEquals(1, text("valuesets.txt", tsv).valueSetCodes().size());
  }

  @Test
  void malformedJsonNamesFileAndLine() {
    String m = error("broken.json", "{\n  \"resourceType\": \"ValueSet\",\n  \"url\" \"http://x\"\n}\n");
    assertTrue(m.startsWith("broken.json line 3: malformed JSON: "), m);
    m = error("two.json", "{\"resourceType\":\"CodeSystem\"}\n{\"resourceType\":\"CodeSystem\"}\n");
    assertTrue(m.startsWith("two.json line 2: malformed JSON: "), m);
  }

  @Test
  void ndjsonErrorsNameTheLine() {
    String ok = "{\"resourceType\":\"CodeSystem\",\"url\":\"http://a.example/cs\",\"concept\":[{\"code\":\"a\"}]}\n";
    assertEquals("export.ndjson line 3: Patient is not a terminology resource (expected ValueSet, CodeSystem,"
        + " ConceptMap, NamingSystem or Bundle)",
        error("export.ndjson", ok + "\n{\"resourceType\":\"Patient\",\"id\":\"p1\"}\n"));
    String m = error("export.ndjson", ok + ok + "{\"resourceType\":\"CodeSystem\",\n");
    assertTrue(m.startsWith("export.ndjson line 3: malformed JSON: "), m);
  }

  @Test
  void otherResourceTypesAreErrors() {
    assertEquals("patient.json: Patient is not a terminology resource (expected ValueSet, CodeSystem, ConceptMap,"
        + " NamingSystem or Bundle)", error("patient.json", "{\"resourceType\": \"Patient\"}"));
    assertEquals("b.json: entry[1].resource: Observation is not a terminology resource (expected ValueSet,"
        + " CodeSystem, ConceptMap, NamingSystem or Bundle)", error("b.json", """
        {"resourceType": "Bundle", "entry": [
          {"resource": {"resourceType": "CodeSystem", "url": "http://a.example/cs"}},
          {"resource": {"resourceType": "Observation"}}]}
        """));
    assertEquals("x.json: a JSON object without resourceType", error("x.json", "{\"url\": \"http://x\"}"));
    assertEquals("x.json: expected a FHIR resource (a JSON object)", error("x.json", "[1, 2]"));
  }

  @Test
  void malformedDelimitedFilesNameFileAndLine() {
    String header = "valueset_oid\tvalueset_name\tversion\tsystem\tcode\tdisplay\n";
    assertEquals("vs.tsv line 3: 5 fields, expected 6 as in the header", error("vs.tsv", header
        + "2.16.840.1.113762.1.4.1\tSex\t1\thttp://x\tF\tFemale\n"
        + "2.16.840.1.113762.1.4.1\tSex\t1\thttp://x\tM\n"));
    assertEquals("vs.tsv line 2: empty code",
        error("vs.tsv", header + "2.16.840.1.113762.1.4.1\tSex\t1\thttp://x\t\tF\n"));
    assertEquals("vs.tsv line 2: valueset_oid 'Sex' is not an OID",
        error("vs.tsv", header + "Sex\tSex\t1\thttp://x\tF\t\n"));
    String csvHeader =
        "source_system,source_code,source_display,target_system,target_code,target_display,equivalence\n";
    assertEquals("map.csv line 3: a quoted field is not closed", error("map.csv", csvHeader
        + "L,GLU,Glucose,http://loinc.org,2345-7,Glucose,equivalent\n"
        + "L,NA,\"Sodium, serum,http://loinc.org,2951-2,Sodium,equivalent\n"));
    assertEquals("map.csv line 2: unexpected 'x' after a closing quote", error("map.csv", csvHeader
        + "L,GLU,\"Glucose\"x,http://loinc.org,2345-7,Glucose,equivalent\n"));
    assertEquals("map.csv line 2: unknown equivalence 'same'", error("map.csv", csvHeader
        + "L,GLU,Glucose,http://loinc.org,2345-7,Glucose,same\n"));
    assertEquals("map.csv line 1: the header names neither value set columns (valueset_oid, system, code, ...) nor"
        + " concept map columns (source_system, source_code, target_system, target_code, ...) nor code-system alias"
        + " columns (alias, uri)",
        error("map.csv", "a,b,c\n1,2,3\n"));
    assertEquals("empty.tsv: empty file", error("empty.tsv", " \n"));
  }

  @Test
  void codeSystemAliasesFromCsvNamingSystemAndCodeSystemIdentifiers() {
    TerminologyContent csv = text("aliases.csv", "alias,uri,comment\n"
        + "2.16.840.1.113883.19.5.99,http://lab.example.org/codes,the lab's OID\n"
        + "LABX,http://lab.example.org/codes,its v2 name\n");
    assertEquals(List.of(new CodeSystemAlias("2.16.840.1.113883.19.5.99", "http://lab.example.org/codes"),
        new CodeSystemAlias("LABX", "http://lab.example.org/codes")), csv.aliases());
    assertEquals(List.of(), csv.valueSetCodes());
    assertEquals("a.csv line 2: alias LABX names itself", error("a.csv", "alias,uri\nLABX,LABX\n"));
    assertEquals("a.csv line 2: empty uri", error("a.csv", "alias,uri\nLABX,\n"));

    TerminologyContent ns = text("ns.json", """
        {"resourceType": "NamingSystem", "name": "AcmeLab", "kind": "codesystem", "uniqueId": [
          {"type": "oid", "value": "2.16.840.1.113883.19.5.7"},
          {"type": "uri", "value": "http://acme.example/old-codes"},
          {"type": "uri", "value": "http://acme.example/codes", "preferred": true},
          {"type": "other", "value": "ACME"}]}
        """);
    assertEquals(List.of(new CodeSystemAlias("urn:oid:2.16.840.1.113883.19.5.7", "http://acme.example/codes"),
        new CodeSystemAlias("http://acme.example/old-codes", "http://acme.example/codes"),
        new CodeSystemAlias("ACME", "http://acme.example/codes")), ns.aliases());
    TerminologyContent identifier = text("ns.json", """
        {"resourceType": "NamingSystem", "name": "Npi", "kind": "identifier", "uniqueId": [
          {"type": "uri", "value": "http://hl7.org/fhir/sid/us-npi"}]}
        """);
    assertEquals(List.of(), identifier.aliases());
    assertTrue(identifier.warnings().get(0).contains("of kind identifier, not codesystem"),
        identifier.warnings().toString());

    TerminologyContent cs = text("cs.json", """
        {"resourceType": "CodeSystem", "url": "http://lab.example.org/codes", "version": "2", "name": "LabCodes",
         "content": "complete", "identifier": [{"system": "urn:ietf:rfc:3986", "value": "urn:oid:1.2.3.9"}],
         "concept": [{"code": "GLU", "display": "Glucose"}, {"code": "NA", "concept": [{"code": "NA-U"}]}]}
        """);
    assertEquals(List.of(new CodeSystemDefinition("http://lab.example.org/codes", "2", "LabCodes", "complete")),
        cs.codeSystems());
    assertEquals(List.of(new CodeSystemAlias("urn:oid:1.2.3.9", "http://lab.example.org/codes")), cs.aliases());
    assertEquals(List.of("GLU", "NA", "NA-U"), cs.codeSystemConcepts().stream().map(CodeSystemConcept::code).toList());
  }
}
