package org.carelake.marts.risk;

import java.io.Serializable;
import java.util.Objects;

/**
 * How to build an {@link HccModel}: version, table set, ICD-10 mapping year, and the two payment adjustments:
 * {@code risk_score_adj = risk_score * (1 - codingIntensity) / normalization}. The defaults are hccpy's (MA coding
 * pattern adjustment 0.059, normalization 1.015); set the payment year's published factors when they matter.
 */
public record HccOptions(HccVersion version, HccTableSet tableSet, String dxYear, double codingIntensity,
    double normalization) implements Serializable {
  public static final String COMBINED = "Combined";
  public static final double DEFAULT_CODING_INTENSITY = 0.059;
  public static final double DEFAULT_NORMALIZATION = 1.015;

  public HccOptions {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(tableSet, "tableSet");
    dxYear = dxYear == null || dxYear.isBlank() ? COMBINED : dxYear.strip();
    if (codingIntensity < 0 || codingIntensity >= 1) {
      throw new IllegalArgumentException("coding intensity must be in [0, 1): " + codingIntensity);
    }
    if (!(normalization > 0)) {
      throw new IllegalArgumentException("normalization must be positive: " + normalization);
    }
  }

  /** hccpy's engine defaults for a version: CMS SAS tables, "Combined" mapping, cif 0.059, normalization 1.015. */
  public static HccOptions of(HccVersion version) {
    return new HccOptions(version, HccTableSet.HCCPY, COMBINED, DEFAULT_CODING_INTENSITY, DEFAULT_NORMALIZATION);
  }

  public HccOptions withTableSet(HccTableSet t) {
    return new HccOptions(version, t, dxYear, codingIntensity, normalization);
  }

  public HccOptions withDxYear(String y) {
    return new HccOptions(version, tableSet, y, codingIntensity, normalization);
  }

  public HccOptions withCodingIntensity(double cif) {
    return new HccOptions(version, tableSet, dxYear, cif, normalization);
  }

  public HccOptions withNormalization(double n) {
    return new HccOptions(version, tableSet, dxYear, codingIntensity, n);
  }
}
