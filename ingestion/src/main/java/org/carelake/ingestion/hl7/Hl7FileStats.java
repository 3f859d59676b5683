package org.carelake.ingestion.hl7;

import java.io.Serializable;

/**
 * What reading one file found: its fingerprint and how many units it held. {@code units = messages + rejects}.
 *
 * @param error why the file could not be read, or null
 * @param skipped true when its fingerprint is already in the ledger (then nothing was split)
 */
public record Hl7FileStats(String file, long size, String sha256, long units, long messages, long rejects,
    String error, boolean skipped) implements Serializable {}
