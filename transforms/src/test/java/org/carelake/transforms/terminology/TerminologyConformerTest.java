package org.carelake.transforms.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ConceptMapIndex and Conformer: each status, the order of the rules, and a feed's map over its local codes. */
class TerminologyConformerTest {
  private static final String LOINC = "http://loinc.org";
  private static final String SNOMED = "http://snomed.info/sct";
  private static final String LAB_MAP = "http://carelake.example/fhir/ConceptMap/lab-local";
  private static final String ACME_MAP = "http://carelake.example/fhir/ConceptMap/acme";
  private final CodeSystemRegistry registry = CodeSystemRegistry.defaults();

  private static ConceptMapEntry entry(String map, String feed, String sourceSystem, String sourceCode,
      String targetSystem, String targetCode, String equivalence) {
    return new ConceptMapEntry(map, "1", feed, sourceSystem, sourceCode, null, targetSystem, targetCode,
        "display of " + targetCode, equivalence);
  }

  /** The lab feed's map from its local codes, plus a feed-less map of another sender's codes. */
  private Conformer conformer() {
    List<ConceptMapEntry> entries = List.of(
        entry(LAB_MAP, "lab", "urn:carelake:lab:local", "GLU", LOINC, "2345-7", "equivalent"),
        entry(LAB_MAP, "lab", "urn:carelake:lab:local", "HBA1C", "LN", "4548-4", "equivalent"),
        entry(LAB_MAP, "lab", "urn:carelake:lab:local", "MISC", LOINC, "", "unmatched"),
        entry(LAB_MAP, "lab", "urn:carelake:lab:local", "CA", LOINC, "17861-6", "disjoint"),
        entry(LAB_MAP, "lab", "urn:carelake:lab:local", "BADLOINC", LOINC, "2345-1", "equivalent"),
        entry(ACME_MAP, null, "http://acme.example/codes", "DM2", SNOMED, "73211009", "narrower"),
        entry(ACME_MAP, null, "http://acme.example/codes", "DM2", SNOMED, "44054006", "equivalent"),
        entry(ACME_MAP, null, "http://acme.example/codes", "GLU", LOINC, "2339-0", "equivalent"),
        entry(LAB_MAP, "lab", "http://acme.example/codes", "GLU", LOINC, "2345-7", "wider"));
    return new Conformer(registry, new ConceptMapIndex(registry, entries));
  }

  @Test
  void standardCodingIsTakenCanonicalAndNormalized() {
    Conformer c = conformer();
    assertEquals(new Conformed(LOINC, "4548-4", "HbA1c", Conformed.STANDARD, null),
        c.conform("ehr", "LN", "4548-4", "HbA1c"));
    assertEquals(new Conformed("http://hl7.org/fhir/sid/icd-10-cm", "E11.9", null, Conformed.STANDARD, null),
        c.conform("ehr", "I10", "E119", null));
    assertEquals(new Conformed("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null,
        Conformed.STANDARD, null), c.conform(null, "http://terminology.hl7.org/CodeSystem/condition-clinical",
            "active", null));
  }

  @Test
  void firstValidStandardCodingWinsWhateverComesBefore() {
    Conformed r = conformer().conform("lab", List.of(
        new Coding("urn:id:L", "GLU", "Glucose"),
        new Coding("LN", "4548-5", "typo"),
        new Coding("SCT", "44054006", "Diabetes type 2"),
        new Coding("LN", "2345-7", "Glucose")));
    assertEquals(new Conformed(SNOMED, "44054006", "Diabetes type 2", Conformed.STANDARD, null), r);
  }

  @Test
  void feedMapCoversTheFeedsLocalSystems() {
    Conformer c = conformer();
    for (String local : List.of("urn:id:L", "L", "99LAB", "urn:id:99LAB", "urn:carelake:lab:local")) {
      assertEquals(new Conformed(LOINC, "2345-7", "display of 2345-7", Conformed.MAPPED, "mapped by " + LAB_MAP),
          c.conform("lab", local, "GLU", "Glucose"), local);
    }
    // the target system is canonicalized when the index is built (the map said LN)
    assertEquals(LOINC, c.conform("lab", "urn:id:L", "HBA1C", null).system());
    // another feed's local GLU is not the lab's
    assertEquals(new Conformed("urn:id:L", "GLU", "Glucose", Conformed.UNMAPPED, "no map for urn:id:L|GLU"),
        c.conform("ehr", "urn:id:L", "GLU", "Glucose"));
    // a named non-standard system of the lab feed is not one of its local systems
    assertEquals(Conformed.UNMAPPED, c.conform("lab", "http://other.example/codes", "GLU", null).status());
  }

  @Test
  void feedLessMapAppliesToEveryFeedAndTheFeedsOwnMapComesFirst() {
    Conformer c = conformer();
    assertEquals(new Conformed(LOINC, "2339-0", "display of 2339-0", Conformed.MAPPED, "mapped by " + ACME_MAP),
        c.conform("ehr", "http://acme.example/codes", "GLU", null));
    assertEquals(new Conformed(LOINC, "2345-7", "display of 2345-7", Conformed.MAPPED, "mapped by " + LAB_MAP),
        c.conform("lab", "http://acme.example/codes", "GLU", null), "the lab's own (wider) map beats a feed-less one");
  }

  @Test
  void closestEquivalenceFirstAndNonMappingsNeverCount() {
    ConceptMapIndex index = conformer().maps();
    List<ConceptMapEntry> dm2 = index.targets("ehr", "http://acme.example/codes", " DM2 ");
    assertEquals(List.of("44054006", "73211009"), dm2.stream().map(ConceptMapEntry::targetCode).toList());
    assertEquals(List.of(), index.targets("lab", "urn:carelake:lab:local", "MISC"));
    assertEquals(List.of(), index.targets("lab", "urn:carelake:lab:local", "CA"));
    assertEquals(7, index.size());
    Conformer c = conformer();
    assertEquals(new Conformed(SNOMED, "44054006", "display of 44054006", Conformed.MAPPED, "mapped by " + ACME_MAP),
        c.conform(null, "http://acme.example/codes", "DM2", null));
    assertEquals(new Conformed("urn:id:L", "MISC", null, Conformed.UNMAPPED, "no map for urn:id:L|MISC"),
        c.conform("lab", "urn:id:L", "MISC", null));
  }

  @Test
  void targetsOrderFeedExactThenFeedLocalThenFeedLess() {
    List<ConceptMapEntry> entries = List.of(
        entry("any", null, "urn:id:L", "X", LOINC, "2093-3", null),
        entry("local", "lab", "urn:carelake:lab:local", "X", LOINC, "2571-8", null),
        entry("exact", "lab", "urn:id:L", "X", LOINC, "18262-6", null));
    ConceptMapIndex index = new ConceptMapIndex(registry, entries);
    assertEquals(List.of("exact", "local", "any"),
        index.targets("lab", "urn:id:L", "X").stream().map(ConceptMapEntry::mapUrl).toList());
    assertEquals(List.of("any"), index.targets(null, "urn:id:L", "X").stream().map(ConceptMapEntry::mapUrl).toList());
  }

  @Test
  void invalidStandardCodeWhenNothingValidOrMapped() {
    Conformer c = conformer();
    assertEquals(new Conformed(LOINC, "4548-5", "HbA1c", Conformed.INVALID,
        "LOINC check digit: 4548-5 should end in -4"), c.conform("ehr", "LN", "4548-5", "HbA1c"));
    Conformed r = c.conform("ehr", List.of(new Coding("urn:id:L", "XYZ", null), new Coding("SCT", "44054007", null),
        new Coding("I10", "E1", null)));
    assertEquals(new Conformed(SNOMED, "44054007", null, Conformed.INVALID,
        "SNOMED CT Verhoeff check digit fails for 44054007"), r, "the first standard coding that failed");
  }

  @Test
  void aMapBeatsAnInvalidStandardCodeButNotAnInvalidTarget() {
    Conformer c = conformer();
    Conformed r = c.conform("lab", List.of(new Coding("LN", "4548-5", null), new Coding("urn:id:L", "GLU", null)));
    assertEquals(Conformed.MAPPED, r.status());
    assertEquals("2345-7", r.code());
    // the map's target has a wrong check digit: not used
    assertEquals(new Conformed("urn:id:L", "BADLOINC", null, Conformed.UNMAPPED, "no map for urn:id:L|BADLOINC"),
        c.conform("lab", "urn:id:L", "BADLOINC", null));
  }

  @Test
  void unmappedNamesTheFirstCoding() {
    Conformer c = conformer();
    assertEquals(new Conformed("urn:id:ACME", "123", "x", Conformed.UNMAPPED, "no map for urn:id:ACME|123"),
        c.conform("ehr", List.of(new Coding("urn:id:ACME", "123", "x"), new Coding("FOO", "9", null))));
    assertEquals(new Conformed(null, "123", null, Conformed.UNMAPPED, "no code system"),
        c.conform("ehr", null, "123", null));
    assertEquals(new Conformed("urn:oid:1.2.3", "A", null, Conformed.UNMAPPED, "no map for urn:oid:1.2.3|A"),
        c.conform("ehr", "1.2.3", "A", null));
  }

  @Test
  void codingsWithoutCodeAreIgnored() {
    Conformer c = conformer();
    assertNull(c.conform("ehr", List.of()));
    assertNull(c.conform("ehr", null));
    assertNull(c.conform("ehr", LOINC, " ", "text only"));
    List<Coding> codings = new ArrayList<>();
    codings.add(null);
    codings.add(new Coding(LOINC, null, "no code"));
    codings.add(new Coding("CVX", "08", "Hep B"));
    assertEquals(new Conformed("http://hl7.org/fhir/sid/cvx", "08", "Hep B", Conformed.STANDARD, null),
        c.conform("ehr", codings));
  }

  @Test
  void indexMustShareTheRegistry() {
    CodeSystemRegistry other = registry.withAliases(List.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Conformer(registry, ConceptMapIndex.empty(other)));
    assertTrue(e.getMessage().contains("another code system registry"));
    assertEquals(Conformed.STANDARD, new Conformer(other).conform(null, "LN", "2345-7", null).status());
  }

  @Test
  void survivesJavaSerializationAsSparkShipsIt() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(conformer());
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      Conformer copy = (Conformer) in.readObject();
      assertEquals(Conformed.MAPPED, copy.conform("lab", "99LAB", "GLU", null).status());
      assertEquals("E11.65", copy.conform(null, "ICD10CM", "E1165", null).code());
    }
  }

  @Test
  void aLoadedCompleteCodeSystemMakesCodesOutsideItInvalid() {
    String lab = "http://lab.example.org/codes";
    KnownConcepts known = KnownConcepts.of(registry, List.of(
        new CodeSystemDefinition(lab, "2", "LabCodes", "complete"),
        new CodeSystemDefinition("http://hl7.org/fhir/sid/icd-10-cm", "2025", "ICD10CM", "complete"),
        new CodeSystemDefinition("http://fragment.example.org", null, "Some", "fragment")), List.of(
        new CodeSystemConcept(lab, "2", "GLU", "Glucose"),
        new CodeSystemConcept("http://hl7.org/fhir/sid/icd-10-cm", "2025", "E119", "undotted in the file"),
        new CodeSystemConcept("http://fragment.example.org", null, "A", null)));
    assertEquals(java.util.Set.of(lab, "http://hl7.org/fhir/sid/icd-10-cm"), known.systems(),
        "a fragment checks nothing");
    Conformer c = new Conformer(registry, new ConceptMapIndex(registry, List.of(
        entry(LAB_MAP, "lab", lab, "GLU", LOINC, "2345-7", "equivalent"),
        entry(LAB_MAP, "lab", lab, "OLD", LOINC, "2339-0", "equivalent"))), known);

    assertEquals(Conformed.STANDARD, c.conform("ehr", "I10", "E11.9", null).status(), "dotted data, undotted file");
    Conformed notInIcd = c.conform("ehr", "I10", "E11.8", null);
    assertEquals(new Conformed("http://hl7.org/fhir/sid/icd-10-cm", "E11.8", null, Conformed.INVALID,
        "not a concept of the loaded CodeSystem http://hl7.org/fhir/sid/icd-10-cm (version 2025)"), notInIcd,
        "valid in shape, but not in the loaded edition");

    assertEquals(Conformed.MAPPED, c.conform("lab", lab, "GLU", null).status(), "a known local code maps");
    assertEquals(Conformed.MAPPED, c.conform("lab", lab, "OLD", null).status(), "a map still wins over invalid");
    Conformed unknown = c.conform("lab", lab, "XYZ", "typo");
    assertEquals(new Conformed(lab, "XYZ", "typo", Conformed.INVALID,
        "not a concept of the loaded CodeSystem " + lab + " (version 2)"), unknown);
    assertEquals(Conformed.UNMAPPED, c.conform("lab", "http://fragment.example.org", "Z", null).status());
    assertEquals(Conformed.UNMAPPED, new Conformer(registry, ConceptMapIndex.empty(registry))
        .conform("lab", lab, "XYZ", null).status(), "without loaded concepts the same code is only unmapped");
  }
}
