package org.carelake.transforms.terminology.units;

import java.math.BigDecimal;

/**
 * What to do with values of one (LOINC, unit) pair, worked out once and cached: keep them as they are
 * ({@code affine} null), convert them, or refuse with a reason.
 */
record Conversion(Affine affine, String unit, String reason) {
  static Conversion identity(String unit) {
    return new Conversion(null, unit, null);
  }

  /** An affine map that changes nothing is the identity, so that such values come back exactly as received. */
  static Conversion of(Affine affine, String unit) {
    return affine.isIdentity() ? identity(unit) : new Conversion(affine, unit, null);
  }

  static Conversion failed(String reason) {
    return new Conversion(null, null, reason);
  }

  CanonicalValue apply(BigDecimal value) {
    if (reason != null) {
      return CanonicalValue.failed(reason);
    }
    return new CanonicalValue(affine == null ? value : affine.apply(value), unit, null);
  }
}
