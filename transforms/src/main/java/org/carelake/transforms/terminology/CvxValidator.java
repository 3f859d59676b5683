package org.carelake.transforms.terminology;

/**
 * CDC vaccine codes (CVX): 1 to 3 digits, kept as received. Leading zeros are not stripped: the CDC table and value
 * sets write the old codes with them ("03", "08"), so "08" must stay "08" to match.
 */
final class CvxValidator implements CodeValidator {
  @Override
  public Validation validate(String code) {
    String c = Codes.strip(code);
    if (c == null) {
      return Validation.invalid(code, "CVX: empty code");
    }
    if (!Codes.isDigits(c) || c.length() > 3) {
      return Validation.invalid(c, "CVX: '" + c + "' is not 1 to 3 digits");
    }
    return Validation.ok(c);
  }
}
