package org.carelake.marts.risk;

import java.util.Collection;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/** ICD-10-CM codes in the form every reference table uses: upper case, no dot, no blanks. */
public final class Icd10Codes {
  private Icd10Codes() {}

  public static String normalize(String code) {
    return code == null ? "" : code.strip().replace(".", "").toUpperCase(Locale.ROOT);
  }

  /** Normalized, de-duplicated and sorted, so that results never depend on input order. */
  public static SortedSet<String> normalizeAll(Collection<String> codes) {
    SortedSet<String> out = new TreeSet<>();
    for (String c : codes) {
      String n = normalize(c);
      if (!n.isEmpty()) {
        out.add(n);
      }
    }
    return out;
  }
}
