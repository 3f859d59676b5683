package org.carelake.transforms.identity;

import java.util.ArrayList;
import java.util.List;

/**
 * Keys of the identifiers that link deterministically: two records with the same key are the same person. An SSN
 * (nine digits, one that could have been issued: a masked last four never links), a driver's licence within its
 * issuer, an MRN within its assigning authority (a system is required: an MRN alone is only unique in its source).
 */
public final class IdentifierKeys {
  private IdentifierKeys() {}

  public static List<String> of(PersonRecord r) {
    List<String> keys = new ArrayList<>(3);
    add(keys, "ssn", r.ssn() != null && r.ssn().length() == 9 ? "" : null, r.ssn());
    add(keys, "drivers_license", r.driversLicenseSystem(), r.driversLicense());
    add(keys, "mrn", r.mrnSystem(), r.mrn());
    return keys;
  }

  /** The key of one silver.identifier row (type code SS, DL or MR; or the US SSN system), or null. */
  public static String of(String system, String value, String typeCode) {
    if ("http://hl7.org/fhir/sid/us-ssn".equals(system) || "SS".equals(typeCode)) {
      String ssn = Normalize.ssn(value);
      return ssn != null && ssn.length() == 9 ? "ssn||" + ssn : null;
    }
    String kind = "DL".equals(typeCode) ? "drivers_license" : "MR".equals(typeCode) ? "mrn" : null;
    String s = Normalize.system(system);
    String v = Normalize.identifier(value);
    return kind == null || s == null || v == null ? null : kind + "|" + s + "|" + v;
  }

  /** The rule name of a key: ssn, drivers_license or mrn. */
  public static String rule(String key) {
    return key.substring(0, key.indexOf('|'));
  }

  private static void add(List<String> keys, String kind, String system, String value) {
    if (system != null && value != null) {
      keys.add(kind + "|" + system + "|" + value);
    }
  }
}
