package org.carelake.transforms.terminology;

import java.util.regex.Pattern;

/**
 * ICD-9-CM diagnosis codes: nnn(.n(n)), Vnn(.n(n)) and Ennn(.n), upper-cased and dotted after the category (25000
 * becomes 250.00, E8889 becomes E888.9). Procedure codes are another system (see code-systems.csv).
 */
final class Icd9CmValidator implements CodeValidator {
  private static final Pattern NUMERIC = Pattern.compile("\\d{3}\\d{0,2}");
  private static final Pattern V_CODE = Pattern.compile("V\\d{2}\\d{0,2}");
  private static final Pattern E_CODE = Pattern.compile("E\\d{3}\\d?");

  @Override
  public Validation validate(String code) {
    String c = Codes.strip(code);
    if (c == null) {
      return Validation.invalid(code, "ICD-9-CM: empty code");
    }
    String u = Codes.upper(c);
    int category = u.startsWith("E") ? 4 : 3;
    int dot = u.indexOf('.');
    if (dot >= 0) {
      if (dot != category || u.indexOf('.', dot + 1) >= 0) {
        return Validation.invalid(c, "ICD-9-CM: '" + c + "' has a dot out of place");
      }
      u = u.substring(0, dot) + u.substring(dot + 1);
    }
    boolean shape = category == 4 ? E_CODE.matcher(u).matches()
        : NUMERIC.matcher(u).matches() || V_CODE.matcher(u).matches();
    if (!shape) {
      return Validation.invalid(c, "ICD-9-CM: '" + c + "' is not a valid diagnosis code shape");
    }
    return Validation.ok(u.length() == category ? u : u.substring(0, category) + "." + u.substring(category));
  }
}
