package org.carelake.ingestion.hl7;

import java.io.Serializable;

/**
 * What reading one file found: its fingerprint (size, SHA-256, or the error that kept it from being read) from the
 * fingerprint pass, and how many units it held ({@code units = messages + rejects}) from the splitting pass.
 *
 * @param size bytes as stored, -1 when unknown (a count from the splitting pass)
 * @param error why the file could not be read, or null
 * @param keys from the bronze pass: a 64-bit fingerprint of each message's duplicate key (sending facility, control
 *     id, content hash), so the driver can rule duplicates out without a query; null when not collected
 */
public record Hl7FileStats(String file, long size, String sha256, long units, long messages, long rejects,
    String error, long[] keys) implements Serializable {
  public Hl7FileStats(String file, long size, String sha256, long units, long messages, long rejects, String error) {
    this(file, size, sha256, units, messages, rejects, error, null);
  }
}
