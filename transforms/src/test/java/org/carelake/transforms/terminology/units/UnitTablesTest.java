package org.carelake.transforms.terminology.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The three shipped tables: every row parses, every code checks, every unit is UCUM per the library. */
class UnitTablesTest {
  private static final UcumUnits UCUM = UcumUnits.shared();

  private static List<String[]> canonicalRows() {
    return CsvTable.read(UnitConverter.CANONICAL_FILE, UnitConverter.CANONICAL_UNIT_COLUMNS);
  }

  @Test
  void loincCheckDigit() {
    assertEquals(4, LoincCheckDigit.of("4548"));
    assertEquals(0, LoincCheckDigit.of("2339"));
    assertEquals(6, LoincCheckDigit.of("8480"));
    assertTrue(LoincCheckDigit.isValid("4548-4"));
    assertTrue(LoincCheckDigit.isValid("2339-0"));
    assertTrue(LoincCheckDigit.isValid("8480-6"));
    assertTrue(LoincCheckDigit.isValid("29463-7"));
    assertFalse(LoincCheckDigit.isValid("4548-5"));
    assertFalse(LoincCheckDigit.isValid("8480-0"));
    assertFalse(LoincCheckDigit.isValid("4548"));
    assertFalse(LoincCheckDigit.isValid("LP1234-5"));
    assertFalse(LoincCheckDigit.isValid(null));
  }

  @Test
  void canonicalUnits() {
    List<String[]> rows = canonicalRows();
    assertTrue(rows.size() >= 60, "rows: " + rows.size());
    Set<String> seen = new HashSet<>();
    for (String[] row : rows) {
      String loinc = row[0];
      assertTrue(LoincCheckDigit.isValid(loinc), loinc + " check digit");
      assertTrue(seen.add(loinc), loinc + " twice");
      assertNull(UCUM.problem(row[1]), loinc + ": " + row[1]);
      if (!row[2].isEmpty()) {
        BigDecimal molarMass = new BigDecimal(row[2]);
        assertTrue(molarMass.signum() > 0, loinc);
        UnitScale scale = UCUM.scale(row[1]); // throws for special units, which no molar mass can help
        assertFalse(scale.isDimensionless() && scale.factor().compareTo(BigDecimal.ONE) == 0,
            loinc + ": a molar mass is for mass, substance or mass-ratio units, not " + row[1]);
      }
      assertFalse(row[3].isEmpty(), loinc + " name");
    }
  }

  @Test
  void coversWhatSyntheaSendsMost() {
    Set<String> codes = canonicalRows().stream().map(r -> r[0]).collect(Collectors.toSet());
    for (String code : List.of("29463-7", "8302-2", "39156-5", "59576-9", "77606-2", "8480-6", "8462-4", "8867-4",
        "9279-1", "8310-5", "2339-0", "4548-4", "2093-3", "2085-9", "18262-6", "2571-8", "718-7", "6690-2", "777-3",
        "2160-0", "6299-2", "2951-2", "2823-3", "2075-0", "2028-9", "17861-6", "33914-3", "14959-1", "72514-3",
        "44261-6", "9843-4", "2708-6", "59408-5")) {
      assertTrue(codes.contains(code), code);
    }
  }

  @Test
  void aliases() {
    List<String[]> rows = CsvTable.read(UnitAliases.FILE, UnitAliases.COLUMNS);
    assertTrue(rows.size() >= 40, "rows: " + rows.size());
    for (String[] row : rows) {
      assertNull(UCUM.problem(row[1]), row[0] + " -> " + row[1]);
    }
    UnitAliases aliases = UnitAliases.load();
    assertEquals("[lb_av]", aliases.resolve("lbs", UCUM::isValid));
    assertEquals("[degF]", aliases.resolve("°F", UCUM::isValid));
    assertEquals("mg/dL", aliases.resolve("MG/DL", UCUM::isValid));
    assertEquals("Mg", aliases.resolve("Mg", UCUM::isValid));
    assertEquals("10*3/uL", aliases.resolve(" x10E3/uL ", UCUM::isValid));
    assertNull(aliases.resolve("furlongs", UCUM::isValid));
    assertThrows(IllegalStateException.class,
        () -> new UnitAliases(List.of(new String[] {"F", "[degF]"}, new String[] {"f", "fL"})));
  }

  @Test
  void specialConversions() {
    List<String[]> rows = CsvTable.read(UnitConverter.SPECIAL_FILE, UnitConverter.SPECIAL_COLUMNS);
    Map<String, String> canonical = canonicalRows().stream().collect(Collectors.toMap(r -> r[0], r -> r[1]));
    assertFalse(rows.isEmpty());
    for (String[] row : rows) {
      assertTrue(LoincCheckDigit.isValid(row[0]), row[0]);
      assertNull(UCUM.problem(row[1]), row[1]);
      assertEquals(canonical.get(row[0]), row[2], row[0] + " must end in the canonical unit");
      assertNotEquals(0, new BigDecimal(row[3]).signum());
      new BigDecimal(row[4]);
      assertFalse(row[5].isEmpty(), row[0] + " provenance");
    }
    // every HbA1c code in NGSP % has the master equation, so UCUM's factor 10 can never apply
    for (String ngsp : List.of("4548-4", "17856-6", "4549-2")) {
      assertTrue(rows.stream().anyMatch(r -> r[0].equals(ngsp) && r[1].equals("mmol/mol")), ngsp);
    }
  }

  @Test
  void badTablesFailOnLoad() {
    UnitAliases none = new UnitAliases(List.of());
    List<String[]> badCode = List.<String[]>of(new String[] {"2339-1", "mg/dL", "", "x"});
    assertThrows(IllegalStateException.class, () -> new UnitConverter(badCode, none, List.of()));
    List<String[]> glucose = List.<String[]>of(new String[] {"2339-0", "mg/dL", "180.156", "glucose"});
    List<String[]> wrongTarget = List.<String[]>of(new String[] {"2339-0", "mmol/L", "g/L", "1", "0", "x"});
    assertThrows(IllegalStateException.class, () -> new UnitConverter(glucose, none, wrongTarget));
  }

  @Test
  void csvCells() {
    assertEquals(List.of("a", "b, c", "d \"e\""), CsvTable.split("a, \"b, c\" ,\"d \"\"e\"\"\""));
    assertEquals(List.of("", "x", ""), CsvTable.split(",x,"));
  }
}
