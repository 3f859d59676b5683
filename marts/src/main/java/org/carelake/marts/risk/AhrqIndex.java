package org.carelake.marts.risk;

/** The two AHRQ Elixhauser Comorbidity Software Refined indices. */
public enum AhrqIndex {
  /** 30-day all-cause readmission (the rw weights of CMR_Index_Program). */
  READMISSION("rw"),
  /** In-hospital mortality (the mw weights). */
  MORTALITY("mw");

  private final String weightPrefix;

  AhrqIndex(String weightPrefix) {
    this.weightPrefix = weightPrefix;
  }

  String weightPrefix() {
    return weightPrefix;
  }
}
