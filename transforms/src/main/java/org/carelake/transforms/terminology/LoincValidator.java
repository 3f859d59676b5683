package org.carelake.transforms.terminology;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LOINC codes {@code nnnnn-n}, and Part ({@code LPnnn-n}) and Answer ({@code LAnnn-n}) ids, upper-cased. The digit
 * after the dash is Regenstrief's mod 10 check digit (LOINC Users' Guide, appendix C: Luhn over the number); for LP
 * and LA ids the guide points to the OpenMRS variant, which gives letters the value of their ASCII code - 48 and is
 * the plain algorithm on digits, so one routine serves both. Up to 6 digits: LOINC numbers have passed 99999.
 */
final class LoincValidator implements CodeValidator {
  private static final Pattern SHAPE = Pattern.compile("((?:L[AP])?[1-9]\\d{0,5})-(\\d)");
  // Deprecated duplicates published with a wrong check digit (Users' Guide, appendix C): real codes all the same.
  private static final Set<String> PUBLISHED_WITH_BAD_CHECK = Set.of(
      "11491-6", "11501-6", "5895-7", "5896-5", "5897-3", "5928-1", "6028-3",
      "6415-5", "6580-7", "6645-7", "6646-5", "6647-3", "6648-1", "6649-9");

  @Override
  public Validation validate(String code) {
    String c = Codes.strip(code);
    if (c == null) {
      return Validation.invalid(code, "LOINC: empty code");
    }
    String u = Codes.upper(c);
    Matcher m = SHAPE.matcher(u);
    if (!m.matches()) {
      return Validation.invalid(c, "LOINC: '" + c + "' is not a valid code shape (nnnnn-n, LPnnn-n or LAnnn-n)");
    }
    if (PUBLISHED_WITH_BAD_CHECK.contains(u)) {
      return Validation.ok(u);
    }
    int expected = checkDigit(m.group(1));
    if (expected != m.group(2).charAt(0) - '0') {
      return Validation.invalid(c, "LOINC check digit: " + u + " should end in -" + expected);
    }
    return Validation.ok(u);
  }

  /** The mod 10 check digit of a LOINC number or LP/LA id (without the dash and check digit). */
  static int checkDigit(String body) {
    int sum = 0;
    for (int i = 0; i < body.length(); i++) {
      int digit = body.charAt(body.length() - 1 - i) - '0';
      // the rightmost and every second one are doubled, digits of the product summed (for 0-9: 2d - 9*(d/5))
      sum += i % 2 == 0 ? 2 * digit - digit / 5 * 9 : digit;
    }
    return (10 - sum % 10) % 10;
  }
}
