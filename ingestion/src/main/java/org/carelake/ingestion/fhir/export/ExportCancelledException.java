package org.carelake.ingestion.fhir.export;

/** The job was cancelled (by {@code export cancel}) while this process was working on it. */
public final class ExportCancelledException extends BulkExportException {
  public ExportCancelledException(String jobId) {
    super("export job " + jobId + " was cancelled");
  }
}
