package org.carelake.transforms.terminology;

/**
 * National Drug Codes, normalized to the 11-digit HIPAA form without dashes (5-4-2). The 10-digit package codes come
 * as 4-4-2, 5-3-2 or 5-4-1 and are padded with a leading zero in the short segment. A 10-digit code without dashes
 * is rejected: it could be any of the three layouts and each pads differently, so the 11-digit form cannot be known.
 */
final class NdcValidator implements CodeValidator {
  @Override
  public Validation validate(String code) {
    String c = Codes.strip(code);
    if (c == null) {
      return Validation.invalid(code, "NDC: empty code");
    }
    if (c.indexOf('-') < 0) {
      if (!Codes.isDigits(c)) {
        return Validation.invalid(c, "NDC: '" + c + "' is not digits with optional dashes");
      }
      if (c.length() == 11) {
        return Validation.ok(c);
      }
      if (c.length() == 10) {
        return Validation.invalid(c, "NDC: 10 digits without dashes is ambiguous (4-4-2, 5-3-2 or 5-4-1)");
      }
      return Validation.invalid(c, "NDC: " + c.length() + " digits, expected 10 or 11");
    }
    String[] s = c.split("-", -1);
    if (s.length != 3 || !Codes.isDigits(s[0]) || !Codes.isDigits(s[1]) || !Codes.isDigits(s[2])) {
      return Validation.invalid(c, "NDC: '" + c + "' is not three dash-separated digit groups");
    }
    String layout = s[0].length() + "-" + s[1].length() + "-" + s[2].length();
    switch (layout) {
      case "5-4-2":
        return Validation.ok(s[0] + s[1] + s[2]);
      case "4-4-2":
        return Validation.ok("0" + s[0] + s[1] + s[2]);
      case "5-3-2":
        return Validation.ok(s[0] + "0" + s[1] + s[2]);
      case "5-4-1":
        return Validation.ok(s[0] + s[1] + "0" + s[2]);
      default:
        return Validation.invalid(c, "NDC: segments " + layout + ", expected 4-4-2, 5-3-2, 5-4-1 or 5-4-2");
    }
  }
}
