package org.carelake.transforms.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which concept-map entries the silver conformer can ever use (the rest stay out of its broadcast and fingerprint). */
class RefConformanceTest {
  private final CodeSystemRegistry registry = CodeSystemRegistry.defaults();

  @Test
  void mapsFromValidStandardCodesCannotConform() {
    assertFalse(RefConformance.canConform(registry, "http://snomed.info/sct", "44054006"), "valid SNOMED CT");
    assertFalse(RefConformance.canConform(registry, "SCT", "44054006"), "by its v2 name too");
    assertTrue(RefConformance.canConform(registry, "http://snomed.info/sct", "44054007"), "bad check digit: mappable");
    assertTrue(RefConformance.canConform(registry, "urn:x:local", "A1"), "local code");
    assertTrue(RefConformance.canConform(registry, null, "A1"), "no system");
  }

  @Test
  void theConformerAgreesAValidStandardCodeNeverReachesAMap() {
    ConceptMapEntry e = new ConceptMapEntry("urn:test", null, null, "http://snomed.info/sct", "44054006", null,
        "http://hl7.org/fhir/sid/icd-10-cm", "E11.9", null, "equivalent");
    Conformer c = new Conformer(registry, new ConceptMapIndex(registry, List.of(e)));
    assertEquals(Conformed.STANDARD, c.conform(null, "http://snomed.info/sct", "44054006", null).status());
  }
}
