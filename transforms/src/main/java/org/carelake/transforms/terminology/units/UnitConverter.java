package org.carelake.transforms.terminology.units;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Observation values in one canonical UCUM unit per LOINC code ({@code loinc-canonical-units.csv}).
 *
 * <p>The received unit is the UCUM code when there is one, else the display text; either may be a spelling from
 * {@code unit-aliases.csv}. Values already in the canonical unit, or in a unit worth exactly the same (pg/mL for
 * ng/L), come back exactly as received; converted values keep 16 significant digits, trailing zeros dropped. For a
 * LOINC code without a canonical unit, a valid unit is only normalised to its UCUM code.
 *
 * <p>Shipped to Spark executors: the tables travel with it, while the cache (one entry per distinct LOINC code and
 * unit seen) and the UCUM library (one per JVM) are rebuilt where it runs, so the library is consulted once per
 * distinct pair and every other row costs a map lookup and a multiplication.
 */
public final class UnitConverter implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String CANONICAL_FILE = "loinc-canonical-units.csv";
  static final String SPECIAL_FILE = "special-conversions.csv";
  /** Columns of {@link #canonicalUnitRows()}, as in {@code loinc-canonical-units.csv}. */
  public static final List<String> CANONICAL_UNIT_COLUMNS =
      List.of("loinc", "canonical_unit", "molar_mass_g_per_mol", "name");
  static final List<String> SPECIAL_COLUMNS =
      List.of("loinc", "from_unit", "to_unit", "factor", "offset", "provenance");
  /** Enough for any real mix of codes and units; past it, garbage unit strings are worked out afresh each time. */
  private static final int MAX_CACHED = 100_000;
  private static final char SEP = '\u0001';

  private final Map<String, LoincUnit> canonical;
  private final UnitAliases aliases;
  private final Map<String, Affine> special;
  private transient volatile Map<Key, Conversion> cache;

  private record Key(String loinc, String unitCode, String unitText) {}

  UnitConverter(List<String[]> canonicalRows, UnitAliases aliases, List<String[]> specialRows) {
    Map<String, LoincUnit> units = new LinkedHashMap<>();
    for (String[] row : canonicalRows) {
      String loinc = checked(row[0], CANONICAL_FILE);
      BigDecimal molarMass = row[2].isEmpty() ? null : new BigDecimal(row[2]);
      if (units.put(loinc, new LoincUnit(loinc, row[1], molarMass, row[3])) != null) {
        throw new IllegalStateException(CANONICAL_FILE + ": " + loinc + " twice");
      }
    }
    Map<String, Affine> conversions = new HashMap<>();
    for (String[] row : specialRows) {
      String loinc = checked(row[0], SPECIAL_FILE);
      LoincUnit target = units.get(loinc);
      if (target == null || !target.unit().equals(row[2])) {
        throw new IllegalStateException(SPECIAL_FILE + ": " + loinc + " " + row[1] + " -> " + row[2]
            + " does not end in the canonical unit " + (target == null ? "(none)" : target.unit()));
      }
      conversions.put(specialKey(loinc, row[1], row[2]), new Affine(new BigDecimal(row[3]), new BigDecimal(row[4])));
    }
    this.canonical = units;
    this.aliases = aliases;
    this.special = conversions;
  }

  /** The shipped tables. */
  public static UnitConverter defaults() {
    return new UnitConverter(
        CsvTable.read(CANONICAL_FILE, CANONICAL_UNIT_COLUMNS),
        UnitAliases.load(),
        CsvTable.read(SPECIAL_FILE, SPECIAL_COLUMNS));
  }

  /**
   * {@code value} in the canonical unit of {@code loinc}. {@code unitCode} (the UCUM code, e.g. Quantity.code) is
   * preferred over {@code unitText} (the display, e.g. Quantity.unit). When it cannot convert, value and unit are
   * null and the reason says why.
   */
  public CanonicalValue canonical(String loinc, BigDecimal value, String unitCode, String unitText) {
    if (value == null) {
      return CanonicalValue.failed("no value");
    }
    Key key = new Key(loinc == null ? null : loinc.strip(), unitCode, unitText);
    Map<Key, Conversion> c = cache();
    Conversion conversion = c.get(key);
    if (conversion == null) {
      conversion = plan(key.loinc(), unitCode, unitText);
      if (c.size() < MAX_CACHED) {
        c.put(key, conversion);
      }
    }
    return conversion.apply(value);
  }

  /** The canonical UCUM unit of a LOINC code, or null when the table has none. */
  public String canonicalUnit(String loinc) {
    LoincUnit u = loinc == null ? null : canonical.get(loinc.strip());
    return u == null ? null : u.unit();
  }

  /**
   * The canonical unit table for {@code ref.loinc_canonical_unit}: one array per LOINC code, in the order of
   * {@link #CANONICAL_UNIT_COLUMNS}, molar mass as a plain decimal string or null.
   */
  public List<String[]> canonicalUnitRows() {
    List<String[]> rows = new ArrayList<>(canonical.size());
    for (LoincUnit u : canonical.values()) {
      String molarMass = u.molarMass() == null ? null : u.molarMass().toPlainString();
      rows.add(new String[] {u.loinc(), u.unit(), molarMass, u.name()});
    }
    return Collections.unmodifiableList(rows);
  }

  private Conversion plan(String loinc, String unitCode, String unitText) {
    LoincUnit target = loinc == null ? null : canonical.get(loinc);
    UcumUnits ucum = UcumUnits.shared();
    boolean noCode = unitCode == null || unitCode.isBlank();
    boolean noText = unitText == null || unitText.isBlank();
    if (noCode && noText) {
      return target != null && ucum.isUnity(target.unit())
          ? Conversion.identity(target.unit())
          : Conversion.failed("no unit");
    }
    String unit = noCode ? null : aliases.resolve(unitCode, ucum::isValid);
    if (unit == null && !noText) {
      unit = aliases.resolve(unitText, ucum::isValid);
    }
    if (unit == null) {
      return Conversion.failed("unit '" + (noCode ? unitText : unitCode).strip() + "' is not UCUM");
    }
    if (target == null) {
      return Conversion.identity(unit);
    }
    return ConversionRules.plan(loinc, unit, target, special.get(specialKey(loinc, unit, target.unit())), ucum);
  }

  private Map<Key, Conversion> cache() {
    Map<Key, Conversion> c = cache;
    if (c == null) {
      synchronized (this) {
        c = cache;
        if (c == null) {
          c = new ConcurrentHashMap<>();
          cache = c;
        }
      }
    }
    return c;
  }

  private static String specialKey(String loinc, String from, String to) {
    return loinc + SEP + from + SEP + to;
  }

  private static String checked(String loinc, String file) {
    if (!LoincCheckDigit.isValid(loinc)) {
      throw new IllegalStateException(file + ": '" + loinc + "' is not a LOINC code (check digit)");
    }
    return loinc;
  }
}
