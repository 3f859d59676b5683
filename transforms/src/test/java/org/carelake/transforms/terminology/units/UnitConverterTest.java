package org.carelake.transforms.terminology.units;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnitConverterTest {
  private static final UnitConverter UNITS = UnitConverter.defaults();

  private static CanonicalValue convert(String loinc, String value, String unit) {
    return UNITS.canonical(loinc, new BigDecimal(value), unit, null);
  }

  private static void assertValue(String expected, int decimals, String unit, CanonicalValue actual) {
    assertNull(actual.reason(), () -> "unexpected reason: " + actual.reason());
    assertEquals(unit, actual.unit());
    assertEquals(new BigDecimal(expected), actual.value().setScale(decimals, RoundingMode.HALF_UP));
  }

  @Test
  void glucoseBetweenMassAndSubstanceConcentration() {
    // 100 mg/dL = 1 g/L = 1 / 180.156 mol/L = 5.551 mmol/L
    assertValue("5.551", 3, "mmol/L", convert("14749-6", "100", "mg/dL"));
    assertValue("100.0", 1, "mg/dL", convert("2345-7", "5.551", "mmol/L"));
    assertValue("100.000", 3, "mg/dL", convert("2345-7", "5.550745", "mmol/L"));
    assertValue("5.5507449", 7, "mmol/L", convert("15074-8", "100", "mg/dL"));
  }

  @Test
  void otherMolarMasses() {
    assertValue("1.000", 3, "mg/dL", convert("2160-0", "88.4", "umol/L")); // creatinine
    assertValue("14.007", 3, "mg/dL", convert("3094-0", "5", "mmol/L")); // urea mmol/L -> BUN mg/dL, / 2.8
    assertValue("5.173", 3, "mmol/L", convert("14647-2", "200", "mg/dL")); // cholesterol, / 38.665
    assertValue("1.000", 3, "mg/dL", convert("1975-2", "17.1", "umol/L")); // bilirubin
    // albumin/creatinine: mg/mmol counts creatinine in moles, so 1 mg/mmol = 8.84 mg/g
    assertValue("29.968", 3, "mg/g", convert("14959-1", "3.39", "mg/mmol"));
  }

  @Test
  void hemoglobinA1cThroughTheMasterEquationNotUnitAlgebra() {
    assertValue("53.006", 3, "mmol/mol", convert("59261-8", "7", "%")); // 10.929 * (7 - 2.15)
    assertValue("7.00", 2, "%", convert("4548-4", "53", "mmol/mol")); // 0.0915 * 53 + 2.15 = 6.9995
    assertValue("7.00", 2, "%", convert("17856-6", "53", "mmol/mol"));
    assertValue("7.00", 2, "%", convert("4549-2", "53", "mmol/mol"));
    // a fraction of one is still plain unit algebra
    assertValue("7", 0, "%", convert("4548-4", "0.07", "1"));
  }

  @Test
  void bodyMeasuresAndTemperatures() {
    CanonicalValue weight = convert("29463-7", "154", "[lb_av]");
    assertEquals(new BigDecimal("69.85322498"), weight.value()); // exact: 1 [lb_av] = 0.45359237 kg
    assertValue("69.853", 3, "kg", weight);
    assertEquals(new BigDecimal("177.8"), convert("8302-2", "70", "[in_i]").value());
    assertEquals(new BigDecimal("182.88"), convert("8302-2", "6", "[ft_i]").value());
    assertEquals(new BigDecimal("37"), convert("8310-5", "98.6", "[degF]").value());
    assertEquals(new BigDecimal("37"), convert("8331-1", "310.15", "K").value());
    assertEquals(new BigDecimal("-40"), convert("8310-5", "-40", "[degF]").value());
  }

  @Test
  void commensurableUnitsThroughUcum() {
    assertEquals(new BigDecimal("100"), convert("2345-7", "1", "g/L").value());
    assertValue("4.2", 1, "g/dL", convert("10834-0", "42", "g/L"));
    assertValue("7.5", 1, "10*3/uL", convert("6690-2", "7500", "/uL"));
    assertValue("120", 0, "/min", convert("8867-4", "2", "/s"));
  }

  @Test
  void theSameUnitOrAnEqualOneKeepsTheValueExactly() {
    BigDecimal bp = new BigDecimal("120.0");
    CanonicalValue same = UNITS.canonical("8480-6", bp, "mm[Hg]", "mmHg");
    assertSame(bp, same.value());
    assertEquals("mm[Hg]", same.unit());
    // worth exactly one canonical unit: the number is not touched, the unit is the canonical one
    BigDecimal troponin = new BigDecimal("12.50");
    assertEquals(new CanonicalValue(troponin, "ng/L", null), UNITS.canonical("89579-7", troponin, "pg/mL", null));
    BigDecimal egfr = new BigDecimal("59.3");
    assertSame(egfr, UNITS.canonical("33914-3", egfr, "mL/min", "mL/min").value()); // as Synthea sends it
    BigDecimal sodium = new BigDecimal("140");
    assertSame(sodium, UNITS.canonical("2951-2", sodium, "meq/L", null).value());
  }

  @Test
  void aliasSpellings() {
    assertEquals(new CanonicalValue(new BigDecimal("95"), "mg/dL", null), convert("2339-0", "95", "mg/dl"));
    assertValue("69.853", 3, "kg", UNITS.canonical("29463-7", new BigDecimal("154"), null, "lbs"));
    assertValue("37.0", 1, "Cel", UNITS.canonical("8310-5", new BigDecimal("98.6"), null, "°F"));
    assertValue("37.0", 1, "Cel", UNITS.canonical("8310-5", new BigDecimal("98.6"), "F", null)); // not the farad
    assertValue("95", 0, "mg/dL", convert("2339-0", "95", " MG/DL ")); // case ignored only for the table
    assertValue("72", 0, "/min", convert("8867-4", "72", "bpm"));
    assertValue("7.5", 1, "10*3/uL", convert("6690-2", "7.5", "K/uL")); // not kelvin per microlitre
    assertValue("6.5", 1, "[pH]", convert("5803-2", "6.5", "pH")); // Synthea's code; UCUM would read picohenry
  }

  @Test
  void ucumCaseMatters() {
    // Mg is the megagram, not a misspelt mg
    assertValue("70", 0, "kg", convert("29463-7", "0.07", "Mg"));
  }

  @Test
  void theCodeIsPreferredAndTheTextIsTheFallback() {
    assertValue("70", 0, "kg", UNITS.canonical("29463-7", new BigDecimal("70"), "kg", "lbs"));
    assertValue("31.751", 3, "kg", UNITS.canonical("29463-7", new BigDecimal("70"), "not-a-unit", "lbs"));
    assertValue("31.751", 3, "kg", UNITS.canonical("29463-7", new BigDecimal("70"), " ", "lbs"));
  }

  @Test
  void reasons() {
    assertEquals(CanonicalValue.failed("unit 'xyz' is not UCUM"), convert("2339-0", "1", "xyz"));
    assertEquals(CanonicalValue.failed("unit 'xyz' is not UCUM"), convert("0000-0", "1", "xyz"));
    assertEquals(CanonicalValue.failed("umol/L and g/dL need a molar mass for LOINC 1751-7"),
        convert("1751-7", "600", "umol/L"));
    assertEquals(
        CanonicalValue.failed("meq/L and mg/dL need a valence for LOINC 2777-1"), convert("2777-1", "2", "meq/L"));
    assertEquals(
        CanonicalValue.failed("unit 'cm' cannot be converted to 'kg'"), convert("29463-7", "70", "cm"));
    assertEquals(
        CanonicalValue.failed("unit '[pH]' cannot be converted to 'mmol/L'"), convert("2951-2", "7", "[pH]"));
    // the explicit calcium row: 1 meq = 0.5 mmol
    assertValue("10.0195", 4, "mg/dL", convert("17861-6", "5", "meq/L"));
  }

  @Test
  void aCodeWithoutCanonicalUnitKeepsItsValueInNormalisedUcum() {
    BigDecimal v = new BigDecimal("15");
    assertEquals(new CanonicalValue(v, "mg/dL", null), UNITS.canonical("2514-8", v, "mg/dl", null));
    assertEquals(new CanonicalValue(v, "[lb_av]", null), UNITS.canonical("2514-8", v, null, "lbs"));
    assertEquals(new CanonicalValue(v, "kg", null), UNITS.canonical(null, v, "kg", null));
    assertNull(UNITS.canonicalUnit("2514-8"));
    assertEquals("mg/dL", UNITS.canonicalUnit(" 2339-0 "));
  }

  @Test
  void missingValuesAndUnits() {
    assertEquals(CanonicalValue.failed("no value"), UNITS.canonical("2339-0", null, "mg/dL", "mg/dL"));
    assertEquals(CanonicalValue.failed("no unit"), UNITS.canonical("2339-0", BigDecimal.TEN, null, null));
    assertEquals(CanonicalValue.failed("no unit"), UNITS.canonical("2339-0", BigDecimal.TEN, "", " "));
    assertEquals(CanonicalValue.failed("no unit"), UNITS.canonical("2514-8", BigDecimal.TEN, null, null));
    // a score sent without a unit can only be in the canonical unitless unit
    assertEquals(
        new CanonicalValue(BigDecimal.TEN, "{score}", null), UNITS.canonical("44261-6", BigDecimal.TEN, null, ""));
    // but a percentage cannot: 0.97 or 97?
    assertEquals(CanonicalValue.failed("no unit"), UNITS.canonical("59408-5", BigDecimal.TEN, null, null));
  }

  @Test
  void repeatedPairsGiveTheSameAnswer() {
    for (int i = 0; i < 3; i++) {
      assertValue("5.551", 3, "mmol/L", convert("14749-6", "100", "mg/dL"));
      assertValue("11.101", 3, "mmol/L", convert("14749-6", "200", "mg/dL"));
    }
  }

  @Test
  void survivesJavaSerialization() throws Exception {
    UnitConverter fresh = UnitConverter.defaults();
    fresh.canonical("29463-7", BigDecimal.ONE, "[lb_av]", null); // fill the cache, which must not travel
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(fresh);
    }
    UnitConverter copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (UnitConverter) in.readObject();
    }
    assertEquals(new BigDecimal("69.85322498"), copy.canonical("29463-7", new BigDecimal("154"), null, "lbs").value());
    assertValue("53.006", 3, "mmol/mol", copy.canonical("59261-8", new BigDecimal("7"), "%", null));
  }

  @Test
  void canonicalUnitRowsForTheReferenceTable() {
    List<String[]> rows = UNITS.canonicalUnitRows();
    assertTrue(rows.size() >= 60, "rows: " + rows.size());
    assertEquals(
        List.of("loinc", "canonical_unit", "molar_mass_g_per_mol", "name"), UnitConverter.CANONICAL_UNIT_COLUMNS);
    assertArrayEquals(new String[] {"2339-0", "mg/dL", "180.156", "Glucose [Mass/volume] in Blood"}, rows.get(0));
    String[] co2 = rows.stream().filter(r -> r[0].equals("2028-9")).findFirst().orElseThrow();
    assertArrayEquals(
        new String[] {"2028-9", "mmol/L", null, "Carbon dioxide, total [Moles/volume] in Serum or Plasma"}, co2);
  }
}
