package org.carelake.transforms.terminology;

import java.util.regex.Pattern;

/**
 * ICD-10-CM codes, upper-cased and dotted after the 3-character category (E119 and e11.9 become E11.9; a category
 * such as E11 has no dot). At most 7 characters without the dot. The first letter may be U: ICD-10-CM has used U07.1
 * (COVID-19) and U09.9 since 2020.
 */
final class Icd10CmValidator implements CodeValidator {
  private static final Pattern SHAPE = Pattern.compile("[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}");

  @Override
  public Validation validate(String code) {
    String c = Codes.strip(code);
    if (c == null) {
      return Validation.invalid(code, "ICD-10-CM: empty code");
    }
    String u = Codes.upper(c);
    int dot = u.indexOf('.');
    if (dot >= 0) {
      if (dot != 3 || u.indexOf('.', dot + 1) >= 0) {
        return Validation.invalid(c, "ICD-10-CM: '" + c + "' has a dot out of place (it follows the 3rd character)");
      }
      u = u.substring(0, 3) + u.substring(4);
    }
    if (u.length() > 7) {
      return Validation.invalid(c, "ICD-10-CM: '" + c + "' is longer than 7 characters");
    }
    if (!SHAPE.matcher(u).matches()) {
      return Validation.invalid(c, "ICD-10-CM: '" + c + "' is not a valid code shape");
    }
    return Validation.ok(u.length() == 3 ? u : u.substring(0, 3) + "." + u.substring(3));
  }
}
