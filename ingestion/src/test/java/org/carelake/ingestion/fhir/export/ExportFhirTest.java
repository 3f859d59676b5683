package org.carelake.ingestion.fhir.export;

import static org.carelake.ingestion.fhir.export.ExportTests.deletions;
import static org.carelake.ingestion.fhir.export.ExportTests.errors;
import static org.carelake.ingestion.fhir.export.ExportTests.firstId;
import static org.carelake.ingestion.fhir.export.ExportTests.fixture;
import static org.carelake.ingestion.fhir.export.ExportTests.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.carelake.core.Bytes;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code export fhir} end to end: a Bulk Data server on loopback, the real client, a real lakehouse. */
class ExportFhirTest {
  private static final byte[] PATIENTS = fixture("Patient.ndjson");
  private static final byte[] CONDITIONS = fixture("Condition.ndjson");
  private static final byte[] ENCOUNTERS = fixture("Encounter.ndjson");

  private FakeBulkServer server;
  private ExportTests.RecordingPause pause;
  private ExportTests.Captured out;
  private BulkHttp http;

  @BeforeEach
  void start() throws Exception {
    server = new FakeBulkServer();
    server.requiresAccessToken = false;
    pause = new ExportTests.RecordingPause();
    out = new ExportTests.Captured();
    http = new BulkHttp(AccessTokenSource.NONE, ExportTests.FAST, pause, Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    http.close();
    server.close();
  }

  static ExportRequest request(String base) {
    return new ExportRequest(base, ExportScope.GROUP, "g1", List.of("Patient", "Condition", "Encounter"),
        List.of("Condition?clinical-status=active"), null);
  }

  private FhirBulkExport export(Lakehouse lh) {
    return new FhirBulkExport(lh, http, new FhirBulkExport.Options("ehr", ExportTests.settings(out.out)));
  }

  private static long count(Lakehouse lh, String sql) {
    return lh.sql(sql).first().getLong(0);
  }

  @Test
  void fullExportLandsInBronzeWithTombstonesAndStoredServerErrors() throws Exception {
    Lakehouse lh = SharedSpark.freshLakehouse("export-full");
    String patient = firstId(PATIENTS);
    String condition = firstId(CONDITIONS);
    server.serve("output", "Patient", "Patient-1.ndjson", PATIENTS)
        .serve("output", "Condition", "Condition-1.ndjson", CONDITIONS)
        .serve("output", "Encounter", "Encounter-1.ndjson", ENCOUNTERS)
        .serve("deleted", "Bundle", "deleted-1.ndjson", deletions("Patient/" + patient, "Condition/" + condition))
        .serve("error", "OperationOutcome", "errors-1.ndjson", errors("Observation/obs-9: access denied"));
    server.failOnce.put("Condition-1.ndjson", 503);

    ExportResult r = export(lh).run(request(server.base), null);

    // Kick-off: the right endpoint, headers and parameters.
    FakeBulkServer.Seen kick = server.requests("/fhir/Group/g1/$export").get(0);
    assertEquals("respond-async", kick.headers().get("prefer"));
    assertEquals("application/fhir+json", kick.headers().get("accept"));
    assertEquals(List.of("Condition,Encounter,Patient"), FakeBulkServer.param(kick, "_type"));
    assertEquals(List.of("Condition?clinical-status=active"), FakeBulkServer.param(kick, "_typeFilter"));
    assertEquals(List.of(), FakeBulkServer.param(kick, "_since"));
    // Polling honoured the 429's Retry-After (2 s) and the 202's (1 s), and showed X-Progress.
    assertTrue(pause.waits.contains(Duration.ofSeconds(2)), pause.waits.toString());
    assertTrue(pause.waits.contains(Duration.ofSeconds(1)), pause.waits.toString());
    assertTrue(out.text().contains("export in progress: 66% done"), out.text());
    // The 503 on one file was retried.
    assertEquals(2, server.ranges("Condition-1.ndjson").size());

    long resources = lines(PATIENTS) + lines(CONDITIONS) + lines(ENCOUNTERS);
    assertEquals(resources, count(lh, "SELECT count(*) FROM bronze.fhir_resource WHERE NOT is_deleted "
        + "AND resource_type <> 'OperationOutcome' AND source_system = 'ehr'"));
    // deleted[] became tombstones: gone from the current state.
    assertEquals(2, count(lh, "SELECT count(*) FROM bronze.fhir_resource WHERE is_deleted"));
    assertEquals(0, count(lh, "SELECT count(*) FROM bronze.fhir_current WHERE resource_id IN ('%s', '%s')"
        .formatted(patient, condition)));
    assertEquals(lines(PATIENTS) - 1, count(lh, "SELECT count(*) FROM bronze.fhir_current "
        + "WHERE resource_type = 'Patient'"));
    // error[]: stored in bronze whole, and reported.
    assertEquals(1, count(lh, "SELECT count(*) FROM bronze.fhir_resource WHERE resource_type = 'OperationOutcome' "
        + "AND resource LIKE '%Observation/obs-9: access denied%'"));
    assertEquals(1, r.serverErrors());
    assertEquals(List.of("Observation/obs-9: access denied"), r.errorTexts());
    assertTrue(r.hasProblems());
    assertEquals(2, r.tombstones());
    assertEquals(lines(PATIENTS), r.resourcesByType().get("Patient"));
    assertEquals(resources, r.resources());

    // The job file: complete, with the SHA-256 of every file as served.
    ExportJob job = new ExportJobStore(lh.root(), new Configuration()).read(r.job().id());
    assertEquals(JobState.COMPLETE, job.state());
    for (ExportFile f : job.files()) {
      byte[] served = server.files.get(f.url().substring(f.url().lastIndexOf('/') + 1));
      assertEquals(sha256(served), f.sha256(), f.name());
      assertEquals(served.length, f.size());
    }
    // The ledger row and the DELETE that lets the server drop its files.
    Row ledger = lh.sql("SELECT transaction_time, resources, tombstones, server_errors, complete, output_files "
        + "FROM ops.export_ledger").first();
    assertEquals(server.transactionTime, ledger.getString(0));
    assertEquals(resources, ledger.getLong(1));
    assertEquals(2L, ledger.getLong(2));
    assertEquals(1L, ledger.getLong(3));
    assertFalse(ledger.getBoolean(4), "an export with server errors is no watermark");
    assertEquals(3L, ledger.getLong(5));
    assertEquals(1, server.deletes.get());

    ExportTests.Captured summary = new ExportTests.Captured();
    ExportSummary.print(r, summary.out);
    assertTrue(summary.text().contains("server errors: 1 OperationOutcome(s)")
        && summary.text().contains("- Observation/obs-9: access denied")
        && summary.text().contains("deleted: 2"), summary.text());
  }

  @Test
  void sinceAutoContinuesFromTheLastTransactionTimeWithNoGapAndNoDoubleCounting() throws Exception {
    Lakehouse lh = SharedSpark.freshLakehouse("export-since");
    server.serve("output", "Patient", "Patient-1.ndjson", PATIENTS)
        .serve("output", "Condition", "Condition-1.ndjson", CONDITIONS);
    server.transactionTime = "2026-03-01T10:00:00.000Z";
    ExportResult first = export(lh).run(request(server.base), "auto");
    assertEquals(List.of(), FakeBulkServer.param(server.requests("/fhir/Group").get(0), "_since"));
    assertNull(first.watermark());

    // Between the two exports one patient changed and one condition was deleted.
    String patient = firstId(PATIENTS);
    String condition = firstId(CONDITIONS);
    String changed = "{\"resourceType\":\"Patient\",\"id\":\"" + patient + "\",\"meta\":{\"versionId\":\"99\"},"
        + "\"gender\":\"unknown\"}\n";
    server.files.clear();
    server.entries.clear();
    server.serve("output", "Patient", "Patient-2.ndjson", changed.getBytes(StandardCharsets.UTF_8))
        .serve("deleted", "Bundle", "deleted-2.ndjson", deletions("Condition/" + condition));
    server.transactionTime = "2026-03-02T10:00:00.000Z";
    ExportResult second = export(lh).run(request(server.base), "auto");

    assertEquals(List.of("2026-03-01T10:00:00.000Z"),
        FakeBulkServer.param(server.requests("/fhir/Group").get(1), "_since"));
    assertEquals(first.job().id(), second.watermark().jobId());
    // Each change arrives once: the first export's rows, plus one new version and one tombstone.
    long firstRows = lines(PATIENTS) + lines(CONDITIONS);
    assertEquals(firstRows + 2, count(lh, "SELECT count(*) FROM bronze.fhir_resource"));
    assertEquals(1, count(lh, "SELECT count(*) FROM bronze.fhir_current WHERE resource_id = '%s' "
        .formatted(patient) + "AND resource LIKE '%\"gender\":\"unknown\"%'"));
    assertEquals(0, count(lh, "SELECT count(*) FROM bronze.fhir_current WHERE resource_id = '%s'"
        .formatted(condition)));
    assertEquals(firstRows - 1, count(lh, "SELECT count(*) FROM bronze.fhir_current"));

    // The third continues from the second; another group has no watermark of its own yet.
    server.files.clear();
    server.entries.clear();
    ExportResult third = export(lh).run(request(server.base), "auto");
    assertEquals(List.of("2026-03-02T10:00:00.000Z"),
        FakeBulkServer.param(server.requests("/fhir/Group").get(2), "_since"));
    assertEquals(0, third.resources());
    ExportRequest other = new ExportRequest(server.base, ExportScope.GROUP, "g2", request(server.base).types(),
        request(server.base).typeFilters(), null);
    export(lh).run(other, "auto");
    assertEquals(List.of(), FakeBulkServer.param(server.requests("/fhir/Group/g2").get(0), "_since"));
    assertEquals(4, count(lh, "SELECT count(*) FROM ops.export_ledger"));
    assertEquals(firstRows + 2, count(lh, "SELECT count(*) FROM bronze.fhir_resource"));
  }

  @Test
  void crashMidDownloadThenRerunContinuesThePartialFileAndKeepsFinishedOnes() throws Exception {
    Lakehouse lh = SharedSpark.freshLakehouse("export-crash");
    server.serve("output", "Patient", "Patient-1.ndjson", PATIENTS)
        .serve("output", "Condition", "Condition-1.ndjson", CONDITIONS)
        .serve("output", "Encounter", "Encounter-1.ndjson", ENCOUNTERS);
    server.stallFile = "Encounter-1.ndjson";
    server.stallAfter = 100_000;
    server.tooManyRequestsOnce = false;

    // First run in its own JVM, killed (SIGKILL) once the other files are done and the big one is half way.
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), ExportCrashChild.class.getName(), lh.root(),
        server.base));
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(Files.createTempFile("export-crash-child", ".log").toFile()).start();
    ExportJobStore store = new ExportJobStore(lh.root(), new Configuration());
    ExportJob job = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      List<ExportJob> jobs = store.list();
      job = jobs.isEmpty() ? null : jobs.get(0);
      if (job != null && job.doneFiles() == 2 && job.files().size() == 3) {
        Path partial = store.partial(job, job.files().get(2));
        if (Files.exists(partial) && Files.size(partial) == 100_000) {
          break;
        }
      }
      assertTrue(child.isAlive(), "the child ended before the crash point");
      Thread.sleep(50);
    }
    child.destroyForcibly();
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    assertEquals(JobState.DOWNLOADING, job.state());
    assertEquals(2, job.doneFiles());

    ExportResult r = export(lh).run(request(server.base), null);

    assertEquals(job.id(), r.job().id());
    assertEquals(1, server.kickOffs.get(), "continued, not kicked off again");
    assertEquals(List.of(""), server.ranges("Patient-1.ndjson"), "finished files are not downloaded again");
    assertEquals(List.of(""), server.ranges("Condition-1.ndjson"));
    assertEquals(List.of("", "bytes=100000-"), server.ranges("Encounter-1.ndjson"));
    assertTrue(out.text().contains("continuing the unfinished job") && out.text().contains("continued a partial "
        + "download"), out.text());
    ExportFile encounters = r.job().files().get(2);
    assertEquals(sha256(ENCOUNTERS), encounters.sha256());
    assertEquals(lines(PATIENTS) + lines(CONDITIONS) + lines(ENCOUNTERS),
        count(lh, "SELECT count(*) FROM bronze.fhir_resource"));
    assertEquals(lines(ENCOUNTERS), count(lh, "SELECT count(*) FROM bronze.fhir_resource "
        + "WHERE resource_type = 'Encounter'"));
  }

  @Test
  void cancelSendsDeleteStopsTheRunningJobAndTheNextRunStartsAfresh() throws Exception {
    Lakehouse lh = SharedSpark.freshLakehouse("export-cancel");
    server.serve("output", "Patient", "Patient-1.ndjson", PATIENTS);
    server.neverFinish = true;
    FhirBulkExport exporter = export(lh);
    CompletableFuture<ExportResult> running = CompletableFuture.supplyAsync(() -> exporter.run(request(server.base),
        null));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (server.polls.get() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    String id = exporter.store().list().get(0).id();

    ExportJob cancelled = exporter.cancel(id);

    assertEquals(JobState.CANCELLED, cancelled.state());
    ExecutionException e = assertThrows(ExecutionException.class, () -> running.get(60, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof ExportCancelledException, String.valueOf(e.getCause()));
    List<FakeBulkServer.Seen> deletes = server.seen.stream().filter(s -> s.method().equals("DELETE")).toList();
    assertEquals(1, deletes.size());
    assertEquals("/fhir/status/1", deletes.get(0).path());
    assertFalse(lh.exists(ExportLedger.TABLE));
    IllegalArgumentException again = assertThrows(IllegalArgumentException.class, () -> exporter.cancel(id));
    assertTrue(again.getMessage().contains("already cancelled"), again.getMessage());

    server.neverFinish = false;
    ExportResult fresh = exporter.run(request(server.base), null);
    assertEquals(2, server.kickOffs.get(), "a cancelled job is not continued");
    assertEquals(lines(PATIENTS), fresh.resources());
  }

  @Test
  void serverErrorsNameTheServerTheUrlAndTheDiagnostics() throws Exception {
    Lakehouse lh = SharedSpark.freshLakehouse("export-errors");
    server.kickOffError = "Unsupported _type: Foo";
    ExportRequest bad = new ExportRequest(server.base, ExportScope.SYSTEM, null, List.of("Foo"), List.of(), null);
    BulkExportException refused = assertThrows(BulkExportException.class, () -> export(lh).run(bad, null));
    assertEquals(400, refused.status());
    assertTrue(refused.getMessage().contains("the FHIR server " + server.base + " refused the export")
        && refused.getMessage().contains("GET " + server.base + "/$export?_type=Foo")
        && refused.getMessage().contains("HTTP 400: Unsupported _type: Foo"), refused.getMessage());

    // A status endpoint that keeps failing: retried, then a clear error; the job waits for a re-run.
    server.kickOffError = null;
    server.statusFailure = 500;
    server.serve("output", "Patient", "Patient-1.ndjson", PATIENTS);
    BulkExportException down = assertThrows(BulkExportException.class,
        () -> export(lh).run(request(server.base), null));
    assertTrue(down.getMessage().contains("status request: GET " + server.base + "/status/1 failed after 4 attempts: "
        + "HTTP 500: status store unavailable"), down.getMessage());
    server.statusFailure = 0;
    ExportResult r = export(lh).run(request(server.base), null);
    assertEquals(2, server.kickOffs.get(), "one refused kick-off, then one export continued after the failure");
    assertEquals(lines(PATIENTS), r.resources());
  }

  static String sha256(byte[] b) throws Exception {
    return Bytes.hex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
