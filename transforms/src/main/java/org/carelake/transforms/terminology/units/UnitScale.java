package org.carelake.transforms.terminology.units;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * A unit as an exact factor times a product of UCUM base units ({@code mg/dL} = 10 g.m-3). {@code equivalents} marks
 * units counted in equivalents (meq), which a molar mass alone cannot turn into mass.
 */
record UnitScale(BigDecimal factor, Map<String, Integer> dimension, boolean equivalents) {
  static final UnitScale ONE = new UnitScale(BigDecimal.ONE, Map.of(), false);

  static UnitScale of(BigDecimal factor) {
    return new UnitScale(factor, Map.of(), false);
  }

  static UnitScale base(String code) {
    return new UnitScale(BigDecimal.ONE, Map.of(code, 1), false);
  }

  UnitScale countedInEquivalents() {
    return new UnitScale(factor, dimension, true);
  }

  UnitScale times(UnitScale o) {
    return new UnitScale(factor.multiply(o.factor, Affine.WORK), combine(o, 1), equivalents || o.equivalents);
  }

  UnitScale dividedBy(UnitScale o) {
    return new UnitScale(factor.divide(o.factor, Affine.WORK), combine(o, -1), equivalents || o.equivalents);
  }

  UnitScale pow(int exponent) {
    UnitScale r = ONE;
    for (int i = 0; i < Math.abs(exponent); i++) {
      r = r.times(this);
    }
    return exponent < 0 ? ONE.dividedBy(r) : r;
  }

  boolean isDimensionless() {
    return dimension.isEmpty();
  }

  /** This dimension over {@code o}'s is exactly grams: this is a mass form of what {@code o} counts in moles. */
  boolean isMassOf(UnitScale o) {
    return combine(o, -1).equals(Map.of("g", 1));
  }

  private Map<String, Integer> combine(UnitScale o, int sign) {
    Map<String, Integer> d = new TreeMap<>(dimension);
    o.dimension.forEach((base, exp) -> d.merge(base, sign * exp, Integer::sum));
    d.values().removeIf(e -> e == 0);
    return Map.copyOf(d);
  }
}
