package org.carelake.transforms.hl7;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Deterministic ids for resources derived from HL7 v2 (rules in docs/hl7v2.md, "Mapping to silver").
 *
 * <p>An id is {@code "v2-"} + the first 32 hex digits of SHA-256 over the UTF-8 key
 * {@code <ResourceType>|<part>|<part>...}, where a null part is empty and a {@code |} or {@code \} inside a part is
 * escaped with {@code \}. The parts name the thing, not the message (a Patient is its identifier's system and value),
 * so every message about the same thing yields the same id, and the silver build keeps the newest version. Source
 * system is not part of the key: silver rows are keyed by source system already.
 */
public final class V2Ids {
  /** What FHIR allows as an id. */
  public static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

  private V2Ids() {}

  public static String of(String resourceType, String... parts) {
    return of(resourceType, Arrays.asList(parts));
  }

  public static String of(String resourceType, List<String> parts) {
    return "v2-" + HexFormat.of().formatHex(sha256(key(resourceType, parts))).substring(0, 32);
  }

  /** The key text that is hashed, e.g. {@code Patient|urn:oid:1.2.3|12345}. */
  public static String key(String resourceType, List<String> parts) {
    StringBuilder sb = new StringBuilder(resourceType);
    for (String p : parts) {
      sb.append('|');
      if (p != null) {
        sb.append(p.replace("\\", "\\\\").replace("|", "\\|"));
      }
    }
    return sb.toString();
  }

  /** The Patient with this identifier (PID-3, preferably of type MR: its system as mapped, and its value). */
  public static String patient(String identifierSystem, String identifierValue) {
    return of("Patient", identifierSystem, identifierValue);
  }

  /** The Encounter with this visit number (PV1-19: system as mapped, value). */
  public static String encounter(String visitNumberSystem, String visitNumber) {
    return of("Encounter", visitNumberSystem, visitNumber);
  }

  /** The Practitioner with this identifier (XCN-1 with XCN-9, or the NPI system when XCN-13 is NPI). */
  public static String practitioner(String identifierSystem, String identifierValue) {
    return of("Practitioner", identifierSystem, identifierValue);
  }

  public static boolean isValid(String id) {
    return id != null && FHIR_ID.matcher(id).matches();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
