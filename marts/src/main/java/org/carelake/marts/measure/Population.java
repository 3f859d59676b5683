package org.carelake.marts.measure;

import java.util.Arrays;

/** The populations of a proportion measure, in evaluation order, with their FHIR Measure codes. */
public enum Population {
  INITIAL_POPULATION("initial-population"),
  DENOMINATOR("denominator"),
  DENOMINATOR_EXCLUSION("denominator-exclusion"),
  NUMERATOR("numerator"),
  NUMERATOR_EXCLUSION("numerator-exclusion"),
  DENOMINATOR_EXCEPTION("denominator-exception");

  private final String code;

  Population(String code) {
    this.code = code;
  }

  /** The code in Measure.group.population.code (measure-population code system). */
  public String code() {
    return code;
  }

  /** The boolean column of gold.measure_population. */
  public String column() {
    return name().toLowerCase();
  }

  public static Population fromCode(String code) {
    return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unsupported measure population '" + code + "'"));
  }
}
