package org.carelake.transforms.terminology;

import java.io.Serializable;

/**
 * The verdict of a {@link CodeValidator}: whether the code is well formed for its system, the normalized form that is
 * stored as the standard code (for an invalid code, the code as received without surrounding blanks), and why not
 * (null when valid).
 */
public record Validation(boolean valid, String normalizedCode, String reason) implements Serializable {
  public static Validation ok(String normalizedCode) {
    return new Validation(true, normalizedCode, null);
  }

  public static Validation invalid(String code, String reason) {
    return new Validation(false, code == null ? null : code.strip(), reason);
  }
}
