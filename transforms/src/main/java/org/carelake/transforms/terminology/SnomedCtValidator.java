package org.carelake.transforms.terminology;

/**
 * SNOMED CT concept ids: 6 to 18 digits without a leading zero, a Verhoeff check digit over the whole id, and a
 * concept partition: the two digits before the check digit are 00 (international) or 10 (an extension, which puts a
 * 7-digit namespace before them). 01/11 are description ids and 02/12 relationship ids, never a concept code.
 */
final class SnomedCtValidator implements CodeValidator {
  private static final int[][] D = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
    {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
    {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
    {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
    {4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
    {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
    {6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
    {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
    {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
    {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}
  };
  private static final int[][] P = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
    {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
    {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
    {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
    {9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
    {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
    {2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
    {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}
  };

  @Override
  public Validation validate(String code) {
    String c = Codes.strip(code);
    if (c == null) {
      return Validation.invalid(code, "SNOMED CT: empty code");
    }
    if (!Codes.isDigits(c)) {
      return Validation.invalid(c, "SNOMED CT: '" + c + "' is not a number");
    }
    if (c.length() < 6 || c.length() > 18) {
      return Validation.invalid(c, "SNOMED CT: " + c.length() + " digits, expected 6 to 18");
    }
    if (c.charAt(0) == '0') {
      return Validation.invalid(c, "SNOMED CT: '" + c + "' has a leading zero");
    }
    if (!verhoeff(c)) {
      return Validation.invalid(c, "SNOMED CT Verhoeff check digit fails for " + c);
    }
    String partition = c.substring(c.length() - 3, c.length() - 1);
    switch (partition) {
      case "00":
        return Validation.ok(c);
      case "10":
        // item id (at least one digit), 7-digit namespace, partition, check digit
        return c.length() >= 11 ? Validation.ok(c)
            : Validation.invalid(c, "SNOMED CT: extension id " + c + " is too short for a 7-digit namespace");
      case "01":
      case "11":
        return Validation.invalid(c, "SNOMED CT partition " + partition + " is a description id, not a concept");
      case "02":
      case "12":
        return Validation.invalid(c, "SNOMED CT partition " + partition + " is a relationship id, not a concept");
      default:
        return Validation.invalid(c, "SNOMED CT partition " + partition + " is not a concept partition");
    }
  }

  /** True when the last digit is the Verhoeff check digit of the others. */
  static boolean verhoeff(String digits) {
    int check = 0;
    int n = digits.length();
    for (int i = 0; i < n; i++) {
      check = D[check][P[i % 8][digits.charAt(n - 1 - i) - '0']];
    }
    return check == 0;
  }
}
