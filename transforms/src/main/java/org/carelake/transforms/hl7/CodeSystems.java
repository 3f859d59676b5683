package org.carelake.transforms.hl7;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The FHIR code system URI for an HL7 v2 coding system name (CWE-3, CWE-6, ...), from {@code code-systems.tsv}.
 * Names not in the table: {@code HL7nnnn} is the v2 table's code system in HL7 Terminology, an OID becomes
 * {@code urn:oid:}, a URI stays as it is, and any other name becomes {@code urn:id:<name>} so that the code keeps
 * the sender's namespace without claiming a standard one (terminology conformance maps these later).
 */
final class CodeSystems {
  static final String UCUM = "http://unitsofmeasure.org";
  static final String CDC_RACE_ETHNICITY = "urn:oid:2.16.840.1.113883.6.238";
  static final String BCP47 = "urn:ietf:bcp:47";
  static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";
  private static final Pattern HL7_TABLE = Pattern.compile("HL7(\\d{4})");
  private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9]\\d*))+");
  private static final Map<String, String> BY_NAME = load();

  private CodeSystems() {}

  private static Map<String, String> load() {
    Map<String, String> m = new HashMap<>();
    for (String[] row : Tsv.read("code-systems.tsv", 2)) {
      m.put(normal(row[0]), row[1].strip());
    }
    return m;
  }

  private static String normal(String name) {
    return name.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s_-]", "");
  }

  /** The URI for a coding system name, or null when the name is empty. */
  static String uri(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String n = name.strip();
    String known = BY_NAME.get(normal(n));
    if (known != null) {
      return known;
    }
    var table = HL7_TABLE.matcher(n.toUpperCase(Locale.ROOT));
    if (table.matches()) {
      return "http://terminology.hl7.org/CodeSystem/v2-" + table.group(1);
    }
    if (isOid(n)) {
      return "urn:oid:" + n;
    }
    if (n.startsWith("http://") || n.startsWith("https://") || n.startsWith("urn:")) {
      return n;
    }
    return "urn:id:" + safe(n);
  }

  /** The URI from a CWE's name (CWE-3), or its coding system OID (v2.7 CWE-14) when the name is empty or local. */
  static String uri(String name, String oid) {
    String u = uri(name);
    boolean local = u == null || u.startsWith("urn:id:");
    return local && isOid(oid) ? "urn:oid:" + oid : u;
  }

  static boolean isOid(String s) {
    return s != null && OID.matcher(s).matches();
  }

  /** A name made safe for a URN: anything but letters, digits, '.', '-' and '_' becomes '-'. */
  static String safe(String name) {
    return name.strip().replaceAll("[^A-Za-z0-9._-]", "-");
  }

  static boolean isUcum(String uri) {
    return UCUM.equals(uri);
  }
}
