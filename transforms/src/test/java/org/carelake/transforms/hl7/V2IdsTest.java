package org.carelake.transforms.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The id rule documented in docs/hl7v2.md: "v2-" + 32 hex digits of SHA-256 over Type|part|part... */
class V2IdsTest {
  @Test
  void idIsTheDocumentedHashOfTheKey() throws Exception {
    String key = "Patient|urn:oid:1.2.3.4.5|1032702";
    assertEquals(key, V2Ids.key("Patient", List.of("urn:oid:1.2.3.4.5", "1032702")));
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    String expected = "v2-" + HexFormat.of().formatHex(Arrays.copyOf(sha, 16));
    assertEquals(expected, V2Ids.patient("urn:oid:1.2.3.4.5", "1032702"));
    // pinned, so that a change of the rule (which would orphan every stored version) cannot go unnoticed
    assertEquals("v2-bca949eff7628508ec876d30f3917770", expected);
  }

  @Test
  void idsAreValidFhirIds() {
    String id = V2Ids.of("Observation", "filler", "urn:id:Lab", "123", "http://loinc.org", "2345-7", null);
    assertEquals(35, id.length());
    assertTrue(V2Ids.isValid(id));
    assertFalse(V2Ids.isValid("has space"));
    assertFalse(V2Ids.isValid("x".repeat(65)));
  }

  @Test
  void partsCannotBleedIntoEachOther() {
    assertNotEquals(V2Ids.of("Patient", "a|b", "c"), V2Ids.of("Patient", "a", "b|c"));
    assertEquals("Patient|a\\|b|c", V2Ids.key("Patient", List.of("a|b", "c")));
    assertEquals("Patient|a\\\\|b", V2Ids.key("Patient", List.of("a\\", "b")));
    assertNotEquals(V2Ids.of("Patient", "x"), V2Ids.of("Encounter", "x"), "the type is part of the key");
    assertEquals(V2Ids.of("Patient", null, "1"), V2Ids.of("Patient", "", "1"), "null and empty are the same part");
  }

  @Test
  void assigningAuthorityMatters() {
    assertNotEquals(V2Ids.patient("urn:oid:1.2.3", "1"), V2Ids.patient("urn:oid:1.2.4", "1"));
    assertNotEquals(V2Ids.patient(null, "1"), V2Ids.patient("urn:id:A", "1"));
  }
}
