package org.carelake.transforms.terminology.units;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Spellings that feeds send for units ({@code unit-aliases.csv}), mapped to UCUM. A spelling is looked up as sent
 * first, then tried as UCUM, then looked up again ignoring case. The table comes first on purpose: some spellings
 * are valid UCUM that means something else (C is the coulomb, F the farad, pH the picohenry, ft a femtotonne,
 * K/uL kelvin per microlitre). Case is ignored only last, because UCUM is case-sensitive (mg is not Mg).
 */
final class UnitAliases implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String FILE = "unit-aliases.csv";
  static final List<String> COLUMNS = List.of("received", "ucum");

  private final Map<String, String> exact = new HashMap<>();
  private final Map<String, String> folded = new HashMap<>();

  UnitAliases(List<String[]> rows) {
    for (String[] row : rows) {
      String received = row[0];
      String ucum = row[1];
      if (exact.put(received, ucum) != null) {
        throw new IllegalStateException(FILE + ": '" + received + "' twice");
      }
      String before = folded.put(fold(received), ucum);
      if (before != null && !before.equals(ucum)) {
        throw new IllegalStateException(FILE + ": '" + received + "' differs from another spelling only in case");
      }
    }
  }

  static UnitAliases load() {
    return new UnitAliases(CsvTable.read(FILE, COLUMNS));
  }

  /** The UCUM code for a received unit, or null when neither the table nor UCUM knows it. */
  String resolve(String received, Predicate<String> isUcum) {
    if (received == null || received.isBlank()) {
      return null;
    }
    String s = received.strip();
    String alias = exact.get(s);
    if (alias != null) {
      return alias;
    }
    if (isUcum.test(s)) {
      return s;
    }
    return folded.get(fold(s));
  }

  private static String fold(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
