package org.carelake.transforms.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The code system table: OIDs, alternative URIs, HL7 v2 names, local systems, and user aliases. */
class CodeSystemRegistryTest {
  private static final String LOINC = "http://loinc.org";
  private static final String SNOMED = "http://snomed.info/sct";
  private static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
  private final CodeSystemRegistry registry = CodeSystemRegistry.defaults();

  private void canonical(String expected, String... systems) {
    for (String s : systems) {
      assertEquals(expected, registry.canonical(s), s);
    }
  }

  @Test
  void oidsBareOrAsUrnInAnyCase() {
    canonical(LOINC, "2.16.840.1.113883.6.1", "urn:oid:2.16.840.1.113883.6.1", "URN:OID:2.16.840.1.113883.6.1",
        " 2.16.840.1.113883.6.1 ");
    canonical(SNOMED, "2.16.840.1.113883.6.96");
    canonical(ICD10CM, "2.16.840.1.113883.6.90");
    canonical("http://www.nlm.nih.gov/research/umls/rxnorm", "2.16.840.1.113883.6.88");
    canonical("http://hl7.org/fhir/sid/cvx", "2.16.840.1.113883.12.292");
    canonical("http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "urn:oid:2.16.840.1.113883.6.285");
    canonical("urn:oid:2.16.840.1.113883.6.238", "2.16.840.1.113883.6.238", "urn:oid:2.16.840.1.113883.6.238",
        "CDCREC");
    canonical("http://terminology.hl7.org/CodeSystem/v3-AdministrativeGender", "2.16.840.1.113883.5.1");
  }

  @Test
  void alternativeUris() {
    canonical(SNOMED, "http://snomed.info/sct/731000124108");
    canonical(LOINC, "https://loinc.org");
    canonical("http://www.nlm.nih.gov/research/umls/rxnorm", "http://www.nlm.nih.gov/research/umls/rxnorm/");
    canonical("http://hl7.org/fhir/sid/ndc", "http://hl7.org/fhir/ndc");
    canonical("http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "http://www.nlm.nih.gov/research/umls/hcpcs");
    canonical("http://www.cms.gov/Medicare/Coding/ICD10", "http://www.icd10data.com/icd10pcs");
    canonical(ICD10CM, "http://hl7.org/fhir/sid/icd-10");
    canonical("https://www.cdc.gov/nhsn/cdaportal/terminology/codesystem/hsloc.html",
        "http://terminology.hl7.org/CodeSystem/hsloc");
  }

  @Test
  void hl7V2NamesIgnoringCaseAndPunctuation() {
    canonical(LOINC, "LN", "ln", "LNC", "LOINC");
    canonical(SNOMED, "SCT", "SNM", "SNOMED-CT", "snomed ct");
    canonical(ICD10CM, "I10", "I10C", "ICD10CM", "ICD-10-CM");
    canonical("http://www.cms.gov/Medicare/Coding/ICD10", "I10P");
    canonical("http://hl7.org/fhir/sid/icd-9-cm", "I9", "I9C", "I9CM");
    canonical("http://www.nlm.nih.gov/research/umls/rxnorm", "RXNORM", "RXN");
    canonical("http://www.ama-assn.org/go/cpt", "C4", "CPT", "CPT4");
    canonical("http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "HCPCS", "HPC");
    canonical("http://nucc.org/provider-taxonomy", "HCPT");
    canonical("http://hl7.org/fhir/sid/mvx", "MVX");
    canonical("http://unitsofmeasure.org", "UCUM");
    canonical("http://terminology.hl7.org/CodeSystem/v2-0203", "HL70203", "hl70203");
  }

  @Test
  void snomedInternationalIsNotSnomedCt() {
    assertEquals("http://terminology.hl7.org/CodeSystem/SNM3", registry.canonical("SNM3"));
    CodeSystemInfo snm3 = registry.info("SNM3");
    assertFalse(snm3.standard(), "a terminology.hl7.org URI, but listed as not standard");
    assertFalse(registry.info("2.16.840.1.113883.6.5").standard());
  }

  @Test
  void v2TablesByNameAndOid() {
    canonical("http://terminology.hl7.org/CodeSystem/v2-0203", "2.16.840.1.113883.12.203");
    canonical("http://terminology.hl7.org/CodeSystem/v2-0001", "urn:oid:2.16.840.1.113883.12.1");
    assertTrue(registry.info("HL70136").standard());
  }

  @Test
  void urnIdIsTheV2MappersFormOfAName() {
    canonical(LOINC, "urn:id:LN");
    canonical("http://hl7.org/fhir/sid/icd-9-cm", "urn:id:I9CM");
    canonical("http://terminology.hl7.org/CodeSystem/v2-0078", "urn:id:HL70078");
    canonical("urn:id:L", "urn:id:L");
    canonical("urn:id:99LAB", "urn:id:99LAB");
  }

  @Test
  void localSystems() {
    for (String s : List.of("L", "l", "LOCAL", "99zzz", "99LAB", "urn:id:L", "urn:id:LOCAL", "urn:id:99LAB",
        "urn:id:ACME-LAB")) {
      assertTrue(registry.isLocal(s), s);
      assertEquals(s, registry.canonical(s), "a local system keeps its name");
      CodeSystemInfo info = registry.info(s);
      assertFalse(info.standard(), s);
      assertEquals("local", info.name());
    }
    for (String s : List.of("LN", "urn:id:LN", "http://loinc.org", "FOO", "urn:carelake:lab:local",
        "http://acme.example/codes", "9")) {
      assertFalse(registry.isLocal(s), s);
    }
    assertFalse(registry.isLocal(null));
  }

  @Test
  void unknownSystemsComeBackAsTheyAre() {
    assertNull(registry.canonical(null));
    assertNull(registry.canonical("  "));
    canonical("http://acme.example/codes", "http://acme.example/codes", " http://acme.example/codes ");
    canonical("FOO", "FOO");
    // an OID gains its urn:oid: form, so that both spellings meet
    canonical("urn:oid:1.2.3.4", "1.2.3.4", "urn:oid:1.2.3.4");
    CodeSystemInfo v3 = registry.info("2.16.840.1.113883.5.9999");
    assertEquals(new CodeSystemInfo("urn:oid:2.16.840.1.113883.5.9999", null, false, "NONE"), v3);
  }

  @Test
  void infoOfListedAndRuleBasedSystems() {
    assertEquals(new CodeSystemInfo(LOINC, "LOINC", true, "LOINC"), registry.info("LN"));
    assertEquals("SNOMEDCT", registry.info(SNOMED).validator());
    assertEquals("ICD10PCS", registry.info("I10P").validator());
    assertEquals(new CodeSystemInfo("http://terminology.hl7.org/CodeSystem/condition-clinical", "condition-clinical",
        true, "NONE"), registry.info("http://terminology.hl7.org/CodeSystem/condition-clinical"));
    assertTrue(registry.info("http://hl7.org/fhir/administrative-gender").standard());
    assertTrue(registry.info("http://hl7.org/fhir/us/core/CodeSystem/condition-category").standard());
    assertFalse(registry.info("http://hl7.org/fhir/sid/us-ssn").standard(), "unlisted sid/ systems are external");
    assertTrue(registry.info("http://hl7.org/fhir/sid/us-npi").standard());
    assertFalse(registry.info("https://ucum.org").standard());
    assertNull(registry.info(null));
  }

  @Test
  void everyListedSystemIsItsOwnCanonicalAndAliasesAgree() {
    List<CodeSystemInfo> systems = registry.systems();
    assertTrue(systems.size() > 40, "systems: " + systems.size());
    for (CodeSystemInfo s : systems) {
      assertEquals(s.uri(), registry.canonical(s.uri()));
      assertSame(s, registry.info(s.uri()));
      Validators.forName(s.validator());
    }
    for (CodeSystemAlias row : registry.aliasRows()) {
      assertEquals(row.uri(), registry.canonical(row.alias()), row.alias());
      assertEquals(row.uri(), registry.canonical(row.uri()), "rows point at canonical URIs: " + row);
    }
  }

  @Test
  void aliasRowsCarryBothOidFormsAndTheirKinds() {
    List<CodeSystemAlias> rows = registry.aliasRows();
    Set<String> loinc = rows.stream().filter(r -> r.uri().equals(LOINC))
        .map(r -> r.kind() + " " + r.alias()).collect(Collectors.toSet());
    assertEquals(Set.of("uri http://loinc.org", "oid 2.16.840.1.113883.6.1", "urn-oid urn:oid:2.16.840.1.113883.6.1",
        "uri https://loinc.org", "uri http://loinc.org/", "v2 LN", "v2 LNC", "v2 LOINC"), loinc);
    assertEquals("urn-oid", new CodeSystemAlias("urn:oid:2.16.840.1.113883.6.238", "x").kind());
  }

  @Test
  void userAliasesAddAndOverrideWithoutTouchingTheDefaults() {
    CodeSystemRegistry custom = registry.withAliases(List.of(
        new CodeSystemAlias("ACMELOINC", "2.16.840.1.113883.6.1"),
        new CodeSystemAlias("99LAB", "LN"),
        new CodeSystemAlias("1.2.3.4.5", "http://acme.example/fhir/CodeSystem/tests"),
        new CodeSystemAlias("ln", SNOMED)));
    assertEquals(LOINC, custom.canonical("acme-loinc"), "targets resolve through the table");
    assertEquals(LOINC, custom.canonical("99LAB"));
    assertFalse(custom.isLocal("99LAB"), "an alias to a real system is not local");
    assertEquals("http://acme.example/fhir/CodeSystem/tests", custom.canonical("urn:oid:1.2.3.4.5"));
    assertEquals(SNOMED, custom.canonical("LN"), "a user alias wins over the table's spelling");
    assertEquals(LOINC, registry.canonical("LN"));
    assertTrue(registry.isLocal("99LAB"));
    assertTrue(custom.aliasRows().contains(new CodeSystemAlias("99LAB", LOINC)));
    assertTrue(custom.aliasRows().contains(new CodeSystemAlias("urn:oid:1.2.3.4.5",
        "http://acme.example/fhir/CodeSystem/tests")));
    assertFalse(registry.aliasRows().contains(new CodeSystemAlias("99LAB", LOINC)));
  }

  @Test
  void survivesJavaSerialization() throws Exception {
    CodeSystemRegistry custom = registry.withAliases(List.of(new CodeSystemAlias("ACME", LOINC)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(custom);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      CodeSystemRegistry copy = (CodeSystemRegistry) in.readObject();
      assertEquals(LOINC, copy.canonical("ACME"));
      assertEquals(SNOMED, copy.canonical("urn:oid:2.16.840.1.113883.6.96"));
      assertTrue(copy.isLocal("urn:id:L"));
    }
  }
}
