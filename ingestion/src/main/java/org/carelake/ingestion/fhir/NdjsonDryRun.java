package org.carelake.ingestion.fhir;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads one NDJSON file exactly as ingestion does (same line splitting, validation, header parsing, hashing and row
 * building) but keeps nothing: the per-line cost of bronze without Spark, for benchmarks and quick checks of an export.
 */
public final class NdjsonDryRun {
  private NdjsonDryRun() {}

  /** The file's reconciliation as ingestion would report it. */
  public static ChunkStats read(InputFile file, Configuration conf) {
    FileScan scan = FileScanner.scan(file, Long.MAX_VALUE, conf);
    if (scan.error() != null) {
      throw new IllegalArgumentException(file.uri() + ": " + scan.error());
    }
    BatchContext ctx = new BatchContext("dry-run", "dry-run", Timestamp.from(Instant.now()), null, 64 << 20);
    long lines = 0;
    long accepted = 0;
    long quarantined = 0;
    long blank = 0;
    long tombstones = 0;
    long mismatches = 0;
    for (Chunk c : scan.chunks()) {
      AtomicReference<ChunkStats> out = new AtomicReference<>();
      try (ChunkReader r = new ChunkReader(c, ctx, ChunkReader.Emit.BRONZE, conf, out::set)) {
        while (r.hasNext()) {
          r.next();
        }
      }
      ChunkStats s = out.get();
      lines += s.lines();
      accepted += s.accepted();
      quarantined += s.quarantined();
      blank += s.blank();
      tombstones += s.tombstones();
      mismatches += s.typeMismatches();
    }
    return new ChunkStats(0, lines, accepted, quarantined, blank, tombstones, mismatches);
  }
}
