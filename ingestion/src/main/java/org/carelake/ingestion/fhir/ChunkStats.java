package org.carelake.ingestion.fhir;

import java.io.Serializable;

/** What one chunk held, reported by the task that read it. */
public record ChunkStats(int chunk, long lines, long accepted, long quarantined, long blank, long tombstones,
    long typeMismatches) implements Serializable {}
