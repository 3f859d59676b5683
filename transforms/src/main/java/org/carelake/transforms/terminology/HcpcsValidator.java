package org.carelake.transforms.terminology;

import java.util.regex.Pattern;

/** HCPCS Level II codes: a letter A to V and 4 digits (Level I is CPT, a system of its own). */
final class HcpcsValidator implements CodeValidator {
  private static final Pattern SHAPE = Pattern.compile("[A-V]\\d{4}");

  @Override
  public Validation validate(String code) {
    String c = Codes.strip(code);
    if (c == null) {
      return Validation.invalid(code, "HCPCS: empty code");
    }
    String u = Codes.upper(c);
    if (!SHAPE.matcher(u).matches()) {
      return Validation.invalid(c, "HCPCS Level II: '" + c + "' is not a letter A-V and 4 digits");
    }
    return Validation.ok(u);
  }
}
