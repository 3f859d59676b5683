package org.carelake.transforms.terminology.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Map;
import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;
import org.junit.jupiter.api.Test;

class UcumUnitsTest {
  private static final UcumUnits UCUM = UcumUnits.shared();

  @Test
  void exactFactorsWhereTheLibraryRounds() throws Exception {
    // why the arithmetic is ours: the library carries the significant figures of "12 [in_i]" into its result
    try (InputStream in = UcumEssenceService.class.getResourceAsStream(UcumUnits.ESSENCE)) {
      UcumEssenceService library = new UcumEssenceService(in);
      assertEquals("30.5", library.convert(new Decimal("1"), "[ft_i]", "cm").asDecimal());
      assertThrows(UcumException.class, () -> library.convert(new Decimal("98.6"), "[degF]", "Cel"));
    }
    BigDecimal foot = UCUM.scale("[ft_i]").factor().divide(UCUM.scale("cm").factor(), Affine.WORK);
    assertEquals(0, new BigDecimal("30.48").compareTo(foot));
  }

  @Test
  void scalesAndDimensions() {
    UnitScale mgPerDl = UCUM.scale("mg/dL");
    assertEquals(0, BigDecimal.TEN.compareTo(mgPerDl.factor())); // 1e-3 g / 1e-4 m3
    assertEquals(Map.of("g", 1, "m", -3), mgPerDl.dimension());
    assertEquals(Map.of("m", -3), UCUM.scale("mmol/L").dimension());
    assertTrue(mgPerDl.isMassOf(UCUM.scale("mmol/L")));
    assertEquals(0, new BigDecimal("6.02214076E23").compareTo(UCUM.mole()));
    assertEquals(Map.of("m", 3, "s", -1), UCUM.scale("mL/min/{1.73_m2}").dimension());
    assertTrue(UCUM.scale("%").isDimensionless());
    assertTrue(UCUM.scale("meq/L").equivalents());
    assertFalse(UCUM.scale("mmol/L").equivalents());
  }

  @Test
  void specialUnits() {
    assertThrows(IllegalArgumentException.class, () -> UCUM.scale("Cel"));
    assertThrows(IllegalArgumentException.class, () -> UCUM.scale("[pH]"));
    assertNotNull(UCUM.toKelvin("[degF]"));
    assertNotNull(UCUM.toKelvin("K"));
    assertNull(UCUM.toKelvin("kg"));
    Affine fToC = UCUM.toKelvin("[degF]").then(UCUM.toKelvin("Cel").inverse());
    assertEquals(new BigDecimal("100"), fToC.apply(new BigDecimal("212")));
    assertEquals(new BigDecimal("0"), fToC.apply(new BigDecimal("32")));
  }

  @Test
  void validationAndUnity() {
    assertNull(UCUM.problem("10*3/uL"));
    assertNotNull(UCUM.problem("lbs"));
    assertNotNull(UCUM.problem(null));
    assertTrue(UCUM.isUnity("{score}"));
    assertTrue(UCUM.isUnity("1"));
    assertFalse(UCUM.isUnity("%"));
    assertFalse(UCUM.isUnity("[pH]"));
  }
}
