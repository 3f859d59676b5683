package org.carelake.ingestion.fhir.export;

import java.util.List;
import java.util.Map;
import org.carelake.ingestion.fhir.IngestResult;

/**
 * What one export brought: resources per type, deletions, the server's error OperationOutcomes, and the ingest that
 * took the files into bronze (null when this run did not ingest: nothing to ingest, or an earlier run did).
 *
 * @param serverErrors OperationOutcome resources in the manifest's error files
 * @param errorTexts the first of their diagnostics
 * @param watermark the export {@code --since auto} continued from, or null
 */
public record ExportResult(ExportJob job, Map<String, Long> resourcesByType, long tombstones, long quarantined,
    long serverErrors, List<String> errorTexts, List<String> batchIds, IngestResult ingest,
    ExportLedger.Watermark watermark) {

  public long files(String role) {
    return job.files().stream().filter(f -> f.role().equals(role)).count();
  }

  public long bytes() {
    return job.files().stream().mapToLong(f -> f.size() == null ? 0 : f.size()).sum();
  }

  public long resources() {
    return resourcesByType.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Something did not come through cleanly: quarantined lines or errors the server reported. */
  public boolean hasProblems() {
    return quarantined > 0 || serverErrors > 0;
  }
}
