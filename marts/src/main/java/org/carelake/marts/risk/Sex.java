package org.carelake.marts.risk;

import java.util.Locale;

/** Administrative sex as the risk models use it (CMS codes 1 = male, 2 = female). */
public enum Sex {
  FEMALE,
  MALE;

  /** Accepts F/M, female/male and the CMS codes 2/1; anything else is an error, never a guess. */
  public static Sex parse(String value) {
    String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    switch (v) {
      case "f", "female", "2":
        return FEMALE;
      case "m", "male", "1":
        return MALE;
      default:
        throw new IllegalArgumentException("unknown sex: " + value);
    }
  }

  /** The letter used in CMS-HCC variable names (F65_69, NEM66). */
  public String letter() {
    return this == FEMALE ? "F" : "M";
  }
}
