package org.carelake.ingestion.hl7;

import java.util.List;

/** What one {@code ingest hl7} did, file by file. */
public record Hl7IngestResult(String batchId, List<Hl7FileReport> files, long bytes, double seconds) {
  public long messages() {
    return files.stream().filter(f -> "ingested".equals(f.status())).mapToLong(Hl7FileReport::messages).sum();
  }

  public long accepted() {
    return files.stream().mapToLong(Hl7FileReport::accepted).sum();
  }

  public long duplicates() {
    return files.stream().mapToLong(Hl7FileReport::duplicates).sum();
  }

  public long quarantined() {
    return files.stream().mapToLong(Hl7FileReport::quarantined).sum();
  }

  public long count(String status) {
    return files.stream().filter(f -> f.status().startsWith(status)).count();
  }

  public boolean hasQuarantine() {
    return quarantined() > 0 || count("unreadable") > 0;
  }
}
