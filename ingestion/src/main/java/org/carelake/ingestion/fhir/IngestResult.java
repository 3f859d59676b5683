package org.carelake.ingestion.fhir;

import java.util.List;

/** What one {@code ingest fhir} did, file by file. */
public record IngestResult(String batchId, List<FileReport> files, long bytes, double seconds) {
  public long accepted() {
    return files.stream().mapToLong(FileReport::accepted).sum();
  }

  public long quarantined() {
    return files.stream().mapToLong(FileReport::quarantined).sum();
  }

  public long blank() {
    return files.stream().mapToLong(FileReport::blank).sum();
  }

  public long lines() {
    return files.stream().filter(f -> "ingested".equals(f.status())).mapToLong(FileReport::lines).sum();
  }

  public long tombstones() {
    return files.stream().mapToLong(FileReport::tombstones).sum();
  }

  public long typeMismatches() {
    return files.stream().mapToLong(FileReport::typeMismatches).sum();
  }

  public long ingestedFiles() {
    return files.stream().filter(f -> "ingested".equals(f.status())).count();
  }

  public long skippedFiles() {
    return files.stream().filter(f -> f.status().startsWith("skipped")).count();
  }

  public long unreadableFiles() {
    return files.stream().filter(f -> "unreadable".equals(f.status())).count();
  }

  /** Anything rejected, at line or file level. */
  public boolean hasQuarantine() {
    return quarantined() > 0 || unreadableFiles() > 0;
  }
}
