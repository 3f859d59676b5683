package org.carelake.ingestion.hl7;

/**
 * The reconciliation of one HL7 v2 input file: {@code messages = accepted + duplicates + quarantined}.
 *
 * @param status ingested, skipped (already in the ledger, or the same content twice), or unreadable
 */
public record Hl7FileReport(String file, String status, long size, String sha256, long messages, long accepted,
    long duplicates, long quarantined) {
  public boolean reconciles() {
    return !"ingested".equals(status) || messages == accepted + duplicates + quarantined;
  }
}
