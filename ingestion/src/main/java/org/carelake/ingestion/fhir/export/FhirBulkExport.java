package org.carelake.ingestion.fhir.export;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.Tables;
import org.carelake.ingestion.fhir.FhirBulkIngest;
import org.carelake.ingestion.fhir.IngestResult;

/**
 * {@code export fhir}: a Bulk Data {@code $export} from a live FHIR server into bronze. The download (see
 * {@link ExportDownload}) ends with complete files in {@code _exports/<job>/files/}; they are then ingested exactly
 * as {@code ingest fhir} ingests a manifest (deleted[] become tombstones, error[] OperationOutcomes are stored), and
 * the export is recorded in {@code ops.export_ledger}, whose transactionTimes drive {@code --since auto}.
 *
 * <p>A re-run of the same command continues an unfinished job instead of starting a new export: from polling, from
 * the downloads (finished files are kept, partial ones continue), or from the ingest.
 */
public final class FhirBulkExport {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int ERROR_TEXTS = 20;

  /** Export settings: the source system to ingest as and how to poll and download. */
  public record Options(String source, ExportDownload.Settings download) {
    public PrintStream out() {
      return download.out();
    }
  }

  private final Lakehouse lh;
  private final BulkHttp http;
  private final Options opt;
  private final ExportJobStore store;

  public FhirBulkExport(Lakehouse lh, BulkHttp http, Options opt) {
    this.lh = lh;
    this.http = http;
    this.opt = opt;
    this.store = new ExportJobStore(lh.root(), lh.spark().sparkContext().hadoopConfiguration());
  }

  public ExportJobStore store() {
    return store;
  }

  /**
   * Exports and ingests. {@code sinceSpec} is null (everything), a FHIR instant, or "auto" (after the last complete
   * export of the same kind).
   */
  public ExportResult run(ExportRequest request, String sinceSpec) {
    PrintStream out = opt.out();
    ExportDownload download = new ExportDownload(store, http, opt.download());
    out.println("export: auth " + http.auth().describe());
    ExportJob job = store.findUnfinished(request, sinceSpec, opt.source());
    ExportLedger.Watermark mark = null;
    if (job != null) {
      out.printf("export %s: continuing the unfinished job (%s, %d of %d file(s) downloaded)%n", job.id(),
          job.state().name().toLowerCase(java.util.Locale.ROOT), job.doneFiles(), job.files().size());
    } else {
      ExportRequest req = request;
      if ("auto".equals(sinceSpec)) {
        mark = ExportLedger.last(lh, request, opt.source());
        req = request.withSince(mark == null ? null : mark.transactionTime());
        out.println(mark == null ? "since auto: no earlier complete export like this one: exporting everything"
            : "since auto: changes after " + mark.transactionTime() + " (the transactionTime of export "
                + mark.jobId() + ")");
      } else if (sinceSpec != null) {
        req = request.withSince(ExportRequest.checkInstant(sinceSpec));
      }
      job = download.kickOff(req, sinceSpec, opt.source());
    }
    job = download.complete(job);
    return finish(job, mark);
  }

  /** Cancels an unfinished job by id. */
  public ExportJob cancel(String jobId) {
    return new ExportDownload(store, http, opt.download()).cancel(jobId);
  }

  /** Ingests the downloaded files (unless an earlier run did), records the export, and marks the job complete. */
  private ExportResult finish(ExportJob job, ExportLedger.Watermark mark) {
    boolean recorded = ExportLedger.recorded(lh, job.id());
    IngestResult ingest = null;
    if (!recorded && !job.files().isEmpty()) {
      Path manifest = store.writeText(job.id(), "manifest.json", localManifest(job));
      try {
        ingest = new FhirBulkIngest(lh, FhirBulkIngest.Options.defaults(job.source(), opt.out()))
            .run(List.of(manifest.toString()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot ingest export job " + job.id(), e);
      }
    }
    ExportResult result = counts(job, ingest, mark);
    if (!recorded) {
      ExportLedger.commit(lh, job, result);
    }
    ExportJob done = store.save(job.withState(JobState.COMPLETE, null));
    return new ExportResult(done, result.resourcesByType(), result.tombstones(), result.quarantined(),
        result.serverErrors(), result.errorTexts(), result.batchIds(), ingest, mark);
  }

  /**
   * The job's figures from the ingest ledger rows of its files: right whether this run or a crashed earlier one
   * ingested them.
   */
  private ExportResult counts(ExportJob job, IngestResult ingest, ExportLedger.Watermark mark) {
    Map<String, Long> byType = new TreeMap<>();
    long tombstones = 0;
    long quarantined = 0;
    TreeSet<String> batches = new TreeSet<>();
    if (lh.exists(Tables.INGEST_LEDGER)) {
      String marker = "/" + ExportJobStore.DIR + "/" + job.id() + "/files/";
      List<Row> rows = lh.table(Tables.INGEST_LEDGER).where(col("file").contains(marker))
          .select("file", "declared_type", "accepted", "quarantined", "tombstones", "batch_id").collectAsList();
      for (Row r : rows) {
        String file = r.getString(0);
        String role = file.substring(file.indexOf(marker) + marker.length()).split("/")[0];
        if (role.equals(ExportFile.OUTPUT)) {
          byType.merge(r.isNullAt(1) ? "?" : r.getString(1), r.getLong(2), Long::sum);
        }
        quarantined += r.getLong(3);
        tombstones += r.getLong(4);
        batches.add(r.getString(5));
      }
    }
    ExportErrors.Found errors = ExportErrors.read(store, job, ERROR_TEXTS);
    return new ExportResult(job, byType, tombstones, quarantined, errors.count(), errors.texts(),
        new ArrayList<>(batches), ingest, mark);
  }

  /** The server's manifest with each URL replaced by the downloaded file, for the ingest. */
  private static String localManifest(ExportJob job) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("transactionTime", job.transactionTime());
    root.put("request", job.kickOffUrl());
    root.put("requiresAccessToken", false);
    ArrayNode output = root.putArray(ExportFile.OUTPUT);
    ArrayNode deleted = root.putArray(ExportFile.DELETED);
    ArrayNode error = root.putArray(ExportFile.ERROR);
    for (ExportFile f : job.files()) {
      ArrayNode target = switch (f.role()) {
        case ExportFile.DELETED -> deleted;
        case ExportFile.ERROR -> error;
        default -> output;
      };
      ObjectNode e = target.addObject();
      e.put("type", f.type());
      e.put("url", "files/" + f.name());
      if (f.count() != null) {
        e.put("count", f.count());
      }
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
