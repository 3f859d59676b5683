package org.carelake.ingestion.fhir.export;

import java.util.Locale;

/** The three kick-off endpoints of the Bulk Data Access IG. */
public enum ExportScope {
  /** {@code [base]/$export}: everything. */
  SYSTEM,
  /** {@code [base]/Patient/$export}: all patients and their compartments. */
  PATIENT,
  /** {@code [base]/Group/[id]/$export}: the members of one group. */
  GROUP;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
