package org.carelake.ingestion.fhir;

/**
 * The reconciliation of one input file: {@code lines = accepted + quarantined + blank}, or why it was skipped.
 *
 * @param status ingested, skipped (already in the ledger, or the same content twice), or unreadable
 */
public record FileReport(String file, String declaredType, String status, long size, String sha256, long lines,
    long accepted, long quarantined, long blank, long tombstones, long typeMismatches) {

  public boolean reconciles() {
    return !"ingested".equals(status) || lines == accepted + quarantined + blank;
  }
}
