package org.carelake.transforms.terminology;

import java.util.regex.Pattern;

/** ICD-10-PCS codes: exactly 7 characters of 0-9 and A-Z without I and O (which would be read as 1 and 0). */
final class Icd10PcsValidator implements CodeValidator {
  private static final Pattern SHAPE = Pattern.compile("[0-9A-HJ-NP-Z]{7}");

  @Override
  public Validation validate(String code) {
    String c = Codes.strip(code);
    if (c == null) {
      return Validation.invalid(code, "ICD-10-PCS: empty code");
    }
    String u = Codes.upper(c);
    if (u.length() != 7) {
      return Validation.invalid(c, "ICD-10-PCS: " + u.length() + " characters, expected 7");
    }
    if (!SHAPE.matcher(u).matches()) {
      return Validation.invalid(c, "ICD-10-PCS: '" + c + "' has a character outside 0-9 and A-Z without I and O");
    }
    return Validation.ok(u);
  }
}
