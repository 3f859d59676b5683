package org.carelake.transforms.terminology;

/** Recognises ISO object identifiers, bare (2.16.840.1.113883.6.1) or as URNs (urn:oid:2.16.840.1.113883.6.1). */
final class Oids {
  private static final String URN = "urn:oid:";

  private Oids() {}

  /** A bare OID: arcs of digits without leading zeros, separated by dots, the first 0, 1 or 2. */
  static boolean isOid(String s) {
    if (s == null || s.length() < 3 || s.charAt(0) < '0' || s.charAt(0) > '2' || s.charAt(1) != '.') {
      return false;
    }
    int arcStart = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '.') {
        int len = i - arcStart;
        if (len == 0 || len > 1 && s.charAt(arcStart) == '0') {
          return false;
        }
        arcStart = i + 1;
      } else if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** The OID of a urn:oid: URN (the prefix in any case), or null. */
  static String fromUrn(String s) {
    if (s != null && s.length() > URN.length() && s.regionMatches(true, 0, URN, 0, URN.length())) {
      String oid = s.substring(URN.length());
      return isOid(oid) ? oid : null;
    }
    return null;
  }

  /** The OID of a bare OID or a urn:oid: URN, or null. */
  static String of(String s) {
    return isOid(s) ? s : fromUrn(s);
  }

  static String urn(String oid) {
    return URN + oid;
  }
}
