package org.carelake.transforms.terminology;

/** RxNorm concept unique identifiers (RxCUI): 1 to 8 digits, no leading zero. */
final class RxNormValidator implements CodeValidator {
  @Override
  public Validation validate(String code) {
    String c = Codes.strip(code);
    if (c == null) {
      return Validation.invalid(code, "RxNorm: empty code");
    }
    if (!Codes.isDigits(c) || c.length() > 8 || c.charAt(0) == '0') {
      return Validation.invalid(c, "RxNorm: '" + c + "' is not an RxCUI (1 to 8 digits, no leading zero)");
    }
    return Validation.ok(c);
  }
}
