package org.carelake.transforms.terminology.units;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * A value in the canonical unit of its LOINC code. {@code value} and {@code unit} are null, and {@code reason} says
 * why, when it cannot be converted; {@code reason} is null otherwise.
 */
public record CanonicalValue(BigDecimal value, String unit, String reason) implements Serializable {
  static CanonicalValue failed(String reason) {
    return new CanonicalValue(null, null, reason);
  }
}
