package org.carelake.transforms.terminology;

import java.util.regex.Pattern;

/**
 * CPT codes: 4 digits and a fifth character, a digit (Category I), F (Category II), T (Category III), U (proprietary
 * laboratory analyses) or M (administrative multianalyte assays, e.g. 0002M).
 */
final class CptValidator implements CodeValidator {
  private static final Pattern SHAPE = Pattern.compile("\\d{4}[0-9FTUM]");

  @Override
  public Validation validate(String code) {
    String c = Codes.strip(code);
    if (c == null) {
      return Validation.invalid(code, "CPT: empty code");
    }
    String u = Codes.upper(c);
    if (!SHAPE.matcher(u).matches()) {
      return Validation.invalid(c, "CPT: '" + c + "' is not 4 digits and a digit, F, T, U or M");
    }
    return Validation.ok(u);
  }
}
