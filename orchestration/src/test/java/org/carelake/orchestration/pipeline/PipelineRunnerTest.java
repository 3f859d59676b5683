package org.carelake.orchestration.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.SharedSpark;
import org.carelake.core.TableName;
import org.carelake.core.WriterLock;
import org.carelake.orchestration.lineage.LineageSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner on real Delta tables with two small tasks: {@code load} appends the rows it is given to silver.src
 * (it keeps no watermark of its own), {@code total} rebuilds gold.total from silver.
 */
class PipelineRunnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TableName SRC = TableName.of(Layer.SILVER, "src");
  private static final TableName TOTAL = TableName.of(Layer.GOLD, "total");

  @TempDir
  Path tmp;

  /** Appends {@code rows} new rows to silver.src on each run (none once drained). */
  static final class Load implements PipelineTask {
    final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String name() {
      return "load";
    }

    @Override
    public List<String> inputs() {
      return List.of();
    }

    @Override
    public TaskOutcome run(TaskContext ctx) {
      int n = batches.isEmpty() ? 0 : batches.remove(0);
      if (n > 0) {
        ctx.lakehouse().append(SRC, ctx.lakehouse().sql("SELECT id FROM range(" + n + ")"));
      }
      return new TaskOutcome("loaded " + n, (long) n);
    }
  }

  /** gold.total = rows of silver.src, times a factor parameter; can be told to fail its next attempts. */
  static class Total implements PipelineTask {
    final AtomicInteger runs = new AtomicInteger();
    final List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
    String factor = "1";

    @Override
    public String name() {
      return "total";
    }

    @Override
    public List<String> inputs() {
      return List.of("silver.*");
    }

    @Override
    public Map<String, String> parameters(TaskContext ctx) {
      return Map.of("factor", factor);
    }

    @Override
    public TaskOutcome run(TaskContext ctx) throws Exception {
      runs.incrementAndGet();
      if (!failures.isEmpty()) {
        throw failures.remove(0);
      }
      ctx.lakehouse().overwrite(TOTAL, ctx.lakehouse().sql(
          "SELECT count(*) * " + factor + " AS total FROM " + SRC.qualified()));
      return TaskOutcome.of("total");
    }
  }

  private static PipelineRunner runner(Lakehouse lh, ByteArrayOutputStream log, List<LineageSink> sinks) {
    return new PipelineRunner(lh, new PrintStream(log, true, StandardCharsets.UTF_8), new RetryPolicy(3, 10), sinks);
  }

  private static long total(Lakehouse lh) {
    return lh.table(TOTAL).first().getLong(0);
  }

  @Test
  void runsWhatChangedSinceTheLastSuccessAndRecordsItInTheLedger() {
    Lakehouse lh = SharedSpark.freshLakehouse("runner-incremental");
    Load load = new Load();
    Total total = new Total();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PipelineRunner runner = runner(lh, log, List.of());

    load.batches.add(3);
    List<RunLedger.Entry> first = runner.run(List.of(load, total), false);
    assertEquals(List.of("succeeded", "succeeded"), first.stream().map(RunLedger.Entry::status).toList());
    assertEquals(3, total(lh));
    RunLedger.Entry loadEntry = first.get(0);
    assertEquals(List.of(SRC.qualified()), loadEntry.outputs());
    assertEquals(3L, loadEntry.rowsOut());
    assertEquals(3L, loadEntry.rowsIn());
    assertEquals(List.of(TOTAL.qualified()), first.get(1).outputs());
    assertEquals(1L, first.get(1).rowsOut());

    // Nothing new: the load task runs (it decides itself), the total is current and skipped.
    List<RunLedger.Entry> second = runner.run(List.of(load, total), false);
    assertEquals(List.of("succeeded", "skipped"), second.stream().map(RunLedger.Entry::status).toList());
    assertEquals(1, total.runs.get());
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("total: up to date"), log.toString());

    // New rows in silver: total runs again.
    load.batches.add(2);
    runner.run(List.of(load, total), false);
    assertEquals(2, total.runs.get());
    assertEquals(5, total(lh));

    // A changed parameter re-runs it; --full re-runs it regardless.
    total.factor = "10";
    runner.run(List.of(load, total), false);
    assertEquals(50, total(lh));
    runner.run(List.of(total), true);
    assertEquals(4, total.runs.get());

    // A deleted output is rebuilt even though the inputs did not change.
    lh.sql("DROP TABLE IF EXISTS " + TOTAL.qualified());
    deleteTree(Path.of(java.net.URI.create(lh.path(TOTAL))));
    runner.run(List.of(total), false);
    assertEquals(5, total.runs.get());
    assertEquals(50, total(lh));

    List<Row> ledger = lh.sql("SELECT status, count(*) FROM " + RunLedger.TABLE.qualified()
        + " WHERE task = 'total' GROUP BY status ORDER BY status").collectAsList();
    assertEquals("[[skipped,1], [succeeded,5]]", ledger.toString());
  }

  @Test
  void retriesTransientFailuresAndStopsAtOthersThenResumesAtTheFailedTask() {
    Lakehouse lh = SharedSpark.freshLakehouse("runner-retry");
    Load load = new Load();
    Total total = new Total();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PipelineRunner runner = runner(lh, log, List.of());
    load.batches.add(4);
    total.failures.add(new IOException("connection reset by storage"));
    List<RunLedger.Entry> entries = runner.run(List.of(load, total), false);
    assertEquals(List.of("load:1:succeeded", "total:1:failed", "total:2:succeeded"),
        entries.stream().map(e -> e.task() + ":" + e.attempt() + ":" + e.status()).toList());
    assertTrue(entries.get(1).error().contains("connection reset by storage"), entries.get(1).error());
    assertEquals(4, total(lh));

    // A failure that is not transient stops the run at once; the ledger keeps it with the error.
    load.batches.add(1);
    total.failures.add(new IllegalStateException("bad SQL"));
    Total after = new Total() {
      @Override
      public String name() {
        return "after";
      }
    };
    PipelineFailedException failed = assertThrows(PipelineFailedException.class,
        () -> runner.run(List.of(load, total, after), false));
    assertEquals("total", failed.task());
    assertTrue(failed.getMessage().contains("bad SQL"), failed.getMessage());
    assertEquals(0, after.runs.get());
    assertEquals(4, total(lh)); // not rebuilt

    // The next run resumes: the total did not succeed since silver changed, so it runs; load decides itself.
    List<RunLedger.Entry> resumed = runner.run(List.of(load, total), false);
    assertEquals(List.of("succeeded", "succeeded"), resumed.stream().map(RunLedger.Entry::status).toList());
    assertEquals(5, total(lh));
    assertEquals(1L, lh.sql("SELECT count(*) FROM " + RunLedger.TABLE.qualified()
        + " WHERE task = 'total' AND status = 'failed' AND error LIKE '%bad SQL%'").first().getLong(0));
  }

  @Test
  void oneWriterAtATime() {
    Lakehouse lh = SharedSpark.freshLakehouse("runner-lock");
    try (WriterLock held = WriterLock.acquire(lh, "ingest")) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> runner(lh, new ByteArrayOutputStream(), List.of()).run(List.of(new Total()), false));
      assertTrue(e.getMessage().contains("another Carelake writer"), e.getMessage());
    }
  }

  @Test
  void emitsOpenLineageEventsToAFileAndAnHttpEndpoint() throws Exception {
    Lakehouse lh = SharedSpark.freshLakehouse("runner-lineage");
    List<JsonNode> posted = Collections.synchronizedList(new ArrayList<>());
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/lineage", ex -> {
      posted.add(JSON.readTree(ex.getRequestBody()));
      ex.sendResponseHeaders(201, -1);
      ex.close();
    });
    server.start();
    try {
      Path file = tmp.resolve("lineage/events.ndjson");
      lh.spark().conf().set(LineageSink.CONF_URL, "http://127.0.0.1:" + server.getAddress().getPort()
          + "/api/v1/lineage");
      lh.spark().conf().set(LineageSink.CONF_FILE, file.toString());
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      PipelineRunner runner = new PipelineRunner(lh, new PrintStream(log, true, StandardCharsets.UTF_8));
      Load load = new Load();
      load.batches.add(2);
      Total total = new Total();
      total.failures.add(new IllegalArgumentException("no such column"));
      assertThrows(PipelineFailedException.class, () -> runner.run(List.of(load, total), false));

      List<JsonNode> written = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        written.add(JSON.readTree(line));
      }
      assertEquals(written, posted);
      assertEquals(List.of("START load", "COMPLETE load", "START total", "FAIL total"), written.stream()
          .map(e -> e.path("eventType").asText() + " " + e.path("job").path("name").asText()
              .replace("carelake.pipeline.", "")).toList());
      JsonNode complete = written.get(1);
      JsonNode out = complete.path("outputs").get(0);
      assertEquals("file", out.path("namespace").asText().replace("://", ""));
      assertTrue(out.path("name").asText().endsWith("/silver/src"), out.toString());
      assertEquals("silver.src", out.path("facets").path("symlinks").path("identifiers").get(0).path("name")
          .asText());
      assertEquals(2, out.path("outputFacets").path("outputStatistics").path("rowCount").asLong());
      JsonNode fail = written.get(3);
      assertEquals("silver.src", fail.path("inputs").get(0).path("facets").path("symlinks").path("identifiers")
          .get(0).path("name").asText());
      assertTrue(fail.path("run").path("facets").path("errorMessage").path("message").asText()
          .contains("no such column"), fail.toString());
      String pipelineRun = complete.path("run").path("facets").path("parent").path("run").path("runId").asText();
      assertEquals(pipelineRun, fail.path("run").path("facets").path("parent").path("run").path("runId").asText());
      assertTrue(pipelineRun.matches("[0-9a-f-]{36}"), pipelineRun);
      assertTrue(complete.path("schemaURL").asText().contains("OpenLineage.json"));
    } finally {
      lh.spark().conf().unset(LineageSink.CONF_URL);
      lh.spark().conf().unset(LineageSink.CONF_FILE);
      server.stop(0);
    }
  }

  private static void deleteTree(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
