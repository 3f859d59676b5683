package org.carelake.ingestion.fhir.export;

/** Where an export job stands; a crashed job continues from its last recorded state. */
public enum JobState {
  /** Kicked off; the status URL is being polled. */
  POLLING,
  /** The manifest is in; files are being downloaded. */
  DOWNLOADING,
  /** Every file is in the lakehouse; ingestion is next. */
  DOWNLOADED,
  /** Ingested into bronze and recorded in ops.export_ledger. */
  COMPLETE,
  /** Cancelled by the user (the server was sent a DELETE). */
  CANCELLED,
  /** The server said the export failed; a new run kicks off a new export. */
  FAILED;

  public boolean finished() {
    return this == COMPLETE || this == CANCELLED || this == FAILED;
  }
}
