package org.carelake.transforms.terminology.units;

import java.math.BigDecimal;

/**
 * How a valid UCUM unit converts to a LOINC code's canonical unit, in this order: an explicit conversion from
 * {@code special-conversions.csv} (for what unit algebra gets wrong, like HbA1c % vs mmol/mol, which UCUM would call
 * a factor of 10); the same unit; temperatures (affine); commensurable units (exact UCUM factors); mass vs substance
 * concentration through the code's molar mass.
 */
final class ConversionRules {
  private ConversionRules() {}

  static Conversion plan(String loinc, String from, LoincUnit target, Affine special, UcumUnits ucum) {
    String to = target.unit();
    if (special != null) {
      return Conversion.of(special, to);
    }
    if (from.equals(to)) {
      return Conversion.identity(to);
    }
    Affine fromKelvin = ucum.toKelvin(from);
    Affine toKelvin = ucum.toKelvin(to);
    if (fromKelvin != null && toKelvin != null) {
      return Conversion.of(fromKelvin.then(toKelvin.inverse()), to);
    }
    UnitScale f;
    UnitScale t;
    try {
      f = ucum.scale(from);
      t = ucum.scale(to);
    } catch (IllegalArgumentException e) {
      return cannot(from, to);
    }
    if (f.dimension().equals(t.dimension())) {
      return Conversion.of(Affine.scale(f.factor().divide(t.factor(), Affine.WORK)), to);
    }
    boolean massToMoles = f.isMassOf(t);
    if (!massToMoles && !t.isMassOf(f)) {
      return cannot(from, to);
    }
    if (f.equivalents() || t.equivalents()) {
      // 1 meq is 1/valence mmol: needs an explicit row in special-conversions.csv
      return Conversion.failed(from + " and " + to + " need a valence for LOINC " + loinc);
    }
    BigDecimal grams = target.molarMass();
    if (grams == null) {
      return Conversion.failed(from + " and " + to + " need a molar mass for LOINC " + loinc);
    }
    // mass in g / (g/mol) = mol, and UCUM counts a mole as Avogadro's number of the dimensionless unit
    BigDecimal mole = ucum.mole();
    BigDecimal factor = massToMoles
        ? f.factor().multiply(mole, Affine.WORK).divide(grams.multiply(t.factor(), Affine.WORK), Affine.WORK)
        : f.factor().multiply(grams, Affine.WORK).divide(mole.multiply(t.factor(), Affine.WORK), Affine.WORK);
    return Conversion.of(Affine.scale(factor), to);
  }

  private static Conversion cannot(String from, String to) {
    return Conversion.failed("unit '" + from + "' cannot be converted to '" + to + "'");
  }
}
