package org.carelake.transforms.terminology;

/** Validator NONE: a standard system whose codes Carelake cannot check; any non-blank code is taken, stripped. */
final class AnyCodeValidator implements CodeValidator {
  @Override
  public Validation validate(String code) {
    String c = Codes.strip(code);
    return c == null ? Validation.invalid(code, "empty code") : Validation.ok(c);
  }
}
