package org.carelake.transforms.terminology.units;

import java.util.regex.Pattern;

/**
 * LOINC's mod-10 check digit (the part after the dash): from the rightmost digit of the number, every other digit is
 * doubled and the digits of the products are summed with the undoubled digits; check = (10 - sum % 10) % 10.
 */
final class LoincCheckDigit {
  private static final Pattern CODE = Pattern.compile("(\\d{1,7})-(\\d)");

  private LoincCheckDigit() {}

  static int of(String number) {
    int sum = 0;
    for (int i = 0; i < number.length(); i++) {
      int d = number.charAt(number.length() - 1 - i) - '0';
      if (i % 2 == 0) {
        d *= 2;
        d = d / 10 + d % 10;
      }
      sum += d;
    }
    return (10 - sum % 10) % 10;
  }

  /** A well-formed code whose check digit is right (says nothing of whether LOINC assigned it). */
  static boolean isValid(String code) {
    var m = code == null ? null : CODE.matcher(code);
    return m != null && m.matches() && of(m.group(1)) == m.group(2).charAt(0) - '0';
  }
}
