package org.carelake.transforms.terminology.units;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;

/** {@code y = factor * x + offset}, the shape of every conversion here (offset is 0 except for temperatures). */
record Affine(BigDecimal factor, BigDecimal offset) implements Serializable {
  /** Working precision for factors: far beyond what results keep, so chained steps do not show. */
  static final MathContext WORK = MathContext.DECIMAL128;
  /** Results keep 16 significant digits (a double's worth) and drop trailing zeros; see {@link #apply}. */
  static final MathContext RESULT = MathContext.DECIMAL64;

  static Affine scale(BigDecimal factor) {
    return new Affine(factor, BigDecimal.ZERO);
  }

  boolean isIdentity() {
    return factor.compareTo(BigDecimal.ONE) == 0 && offset.signum() == 0;
  }

  /** This conversion followed by {@code next}. */
  Affine then(Affine next) {
    return new Affine(
        factor.multiply(next.factor, WORK), offset.multiply(next.factor, WORK).add(next.offset, WORK));
  }

  Affine inverse() {
    return new Affine(BigDecimal.ONE.divide(factor, WORK), offset.negate().divide(factor, WORK));
  }

  /**
   * Rounded to 16 significant digits: no measurement carries more, it is what a double column keeps, and it hides
   * the last-digit noise of factors like 5/9. Rounding to what the sender meant is left to the analyst. With an
   * offset the digits count from the larger term, so that 32 [degF] is 0 Cel and not the noise of 17.78 - 17.78.
   */
  BigDecimal apply(BigDecimal x) {
    BigDecimal product = x.multiply(factor, WORK);
    BigDecimal y = product.add(offset, WORK);
    if (offset.signum() != 0) {
      int integerDigits = Math.max(integerDigits(product), integerDigits(offset));
      y = y.setScale(RESULT.getPrecision() - integerDigits, RESULT.getRoundingMode());
    }
    y = y.round(RESULT).stripTrailingZeros();
    return y.scale() < 0 ? y.setScale(0) : y;
  }

  private static int integerDigits(BigDecimal d) {
    return d.precision() - d.scale();
  }
}
