package org.carelake.ingestion.fhir.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one export, kept as {@code _exports/<id>/job.json} in the lakehouse so that a crashed or interrupted
 * export continues where it stopped.
 *
 * @param sinceSpec what the user asked for: null, an instant, or "auto" (the request holds the resolved instant)
 * @param source the source system the export is ingested as
 */
public record ExportJob(String id, ExportRequest request, String sinceSpec, String source, JobState state,
    String kickOffUrl, String statusUrl, String kickedOffAt, String transactionTime, Boolean requiresAccessToken,
    List<ExportFile> files, String message, String updatedAt) {
  public ExportJob {
    files = files == null ? List.of() : List.copyOf(files);
  }

  public ExportJob withState(JobState s, String why) {
    return new ExportJob(id, request, sinceSpec, source, s, kickOffUrl, statusUrl, kickedOffAt, transactionTime,
        requiresAccessToken, files, why, Instant.now().toString());
  }

  public ExportJob withManifest(String txTime, Boolean requiresToken, List<ExportFile> manifestFiles) {
    return new ExportJob(id, request, sinceSpec, source, JobState.DOWNLOADING, kickOffUrl, statusUrl, kickedOffAt,
        txTime, requiresToken, manifestFiles, null, Instant.now().toString());
  }

  public ExportJob withFile(int index, ExportFile f) {
    List<ExportFile> copy = new ArrayList<>(files);
    copy.set(index, f);
    return new ExportJob(id, request, sinceSpec, source, state, kickOffUrl, statusUrl, kickedOffAt, transactionTime,
        requiresAccessToken, copy, message, Instant.now().toString());
  }

  /** The same request, source and since wish: a re-run of this command continues this job. */
  public boolean continues(ExportRequest other, String otherSinceSpec, String otherSource) {
    return request.key().equals(other.key()) && source.equals(otherSource)
        && java.util.Objects.equals(sinceSpec, otherSinceSpec);
  }

  public long doneFiles() {
    return files.stream().filter(ExportFile::done).count();
  }
}
