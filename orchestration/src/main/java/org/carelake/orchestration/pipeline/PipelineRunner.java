package org.carelake.orchestration.pipeline;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.TableName;
import org.carelake.core.WriterLock;
import org.carelake.orchestration.lineage.LineageEvents;
import org.carelake.orchestration.lineage.LineageSink;

/**
 * Runs tasks in order under the lakehouse's writer lock. A task is skipped when its parameters and the Delta
 * versions of its inputs equal those its last success recorded in {@code ops.run_ledger} (and the tables it wrote
 * still exist), so a plain re-run does only what changed and a re-run after a crash resumes at the task that did not
 * finish. Transient failures are retried with backoff; every attempt is a ledger row and an OpenLineage event.
 */
public final class PipelineRunner {
  private static final String PARAM = "param:";
  private final Lakehouse lh;
  private final PrintStream out;
  private final RetryPolicy retry;
  private final List<LineageSink> lineage;
  private final String namespace;

  public PipelineRunner(Lakehouse lh, PrintStream out) {
    this(lh, out, retryFromConf(lh), LineageSink.fromConf(lh.spark(), out));
  }

  public PipelineRunner(Lakehouse lh, PrintStream out, RetryPolicy retry, List<LineageSink> lineage) {
    this.lh = lh;
    this.out = out;
    this.retry = retry;
    this.lineage = List.copyOf(lineage);
    this.namespace = lh.spark().conf().get(LineageSink.CONF_NAMESPACE, "carelake");
  }

  private static RetryPolicy retryFromConf(Lakehouse lh) {
    RetryPolicy d = RetryPolicy.defaults();
    return new RetryPolicy(
        Integer.parseInt(lh.spark().conf().get(RetryPolicy.CONF_ATTEMPTS, String.valueOf(d.maxAttempts()))),
        Long.parseLong(lh.spark().conf().get(RetryPolicy.CONF_BACKOFF, String.valueOf(d.initialBackoffMillis()))));
  }

  /**
   * Runs the tasks (already selected and in dependency order). {@code full}: run every task even when it is current.
   * Returns this run's ledger entries; throws {@link PipelineFailedException} when a task fails for good.
   */
  public List<RunLedger.Entry> run(List<PipelineTask> tasks, boolean full) {
    try (WriterLock lock = WriterLock.acquire(lh, "run")) {
      String runId = UUID.randomUUID().toString();
      RunLedger ledger = new RunLedger(lh);
      Map<String, RunLedger.LastSuccess> last = ledger.lastSuccesses();
      LineageEvents events = new LineageEvents(namespace, runId);
      List<RunLedger.Entry> done = new ArrayList<>();
      try {
        for (PipelineTask task : tasks) {
          RunLedger.LastSuccess previous = last.get(task.name());
          TaskContext ctx = new TaskContext(lh, out, runId, full, previous);
          done.addAll(runTask(task, ctx, ledger, events));
        }
      } finally {
        ledger.flush();
      }
      return done;
    }
  }

  private List<RunLedger.Entry> runTask(PipelineTask task, TaskContext ctx, RunLedger ledger, LineageEvents events) {
    List<RunLedger.Entry> entries = new ArrayList<>();
    Map<String, String> params = task.parameters(ctx);
    TableVersions before = TableVersions.of(lh);
    RunLedger.LastSuccess prev = ctx.previous();
    if (!ctx.full() && !task.inputs().isEmpty() && prev != null
        && prev.watermarks().equals(watermarks(task, params, before)) && stillExist(prev.outputs(), before)) {
      out.printf("%s: up to date (inputs unchanged since run %s)%n", task.name(), prev.runId().substring(0, 8));
      long now = System.currentTimeMillis();
      RunLedger.Entry e = new RunLedger.Entry(ctx.runId(), task.name(), 0, RunLedger.SKIPPED, now, now,
          prev.watermarks(), List.of(), null, null, null, "inputs unchanged since run " + prev.runId(), null);
      ledger.add(e);
      entries.add(e);
      return entries;
    }
    for (int attempt = 1; ; attempt++) {
      String taskRunId = UUID.randomUUID().toString();
      emit(events.event("START", task.name(), taskRunId, inputs(task, before), List.of(), null));
      long started = System.currentTimeMillis();
      try {
        TaskOutcome outcome = task.run(ctx);
        TableVersions after = TableVersions.of(lh);
        List<TableName> written = after.changedSince(before);
        long rowsOut = 0;
        long quarantined = 0;
        List<LineageEvents.Dataset> outputs = new ArrayList<>();
        for (TableName t : written) {
          long rows = TableVersions.rowsWritten(lh, t, before.version(t), after.version(t));
          outputs.add(new LineageEvents.Dataset(t.qualified(), lh.path(t), rows));
          if (t.layer() == Layer.QUARANTINE) {
            quarantined += rows;
          } else if (t.layer() != Layer.OPS) {
            rowsOut += rows;
          }
        }
        RunLedger.Entry e = new RunLedger.Entry(ctx.runId(), task.name(), attempt, RunLedger.SUCCEEDED, started,
            System.currentTimeMillis(), watermarks(task, params, after),
            written.stream().map(TableName::qualified).toList(), outcome.rowsIn(), rowsOut, quarantined,
            outcome.summary(), null);
        ledger.add(e);
        ledger.flush();
        entries.add(e);
        emit(events.event("COMPLETE", task.name(), taskRunId, inputs(task, after), outputs, null));
        return entries;
      } catch (Exception failure) {
        boolean again = retry.isTransient(failure) && attempt < retry.maxAttempts();
        String error = PipelineFailedException.describe(failure);
        RunLedger.Entry e = new RunLedger.Entry(ctx.runId(), task.name(), attempt, RunLedger.FAILED, started,
            System.currentTimeMillis(), watermarks(task, params, before), List.of(), null, null, null,
            again ? "transient; retrying" : null, error);
        ledger.add(e);
        ledger.flush();
        entries.add(e);
        emit(events.event("FAIL", task.name(), taskRunId, inputs(task, before), List.of(), error));
        if (!again) {
          throw new PipelineFailedException(task.name(), attempt, failure);
        }
        long wait = retry.backoffMillis(attempt);
        out.printf(Locale.ROOT, "%s: attempt %d failed (%s); retrying in %.1f s%n", task.name(), attempt, error,
            wait / 1000.0);
        sleep(wait);
      }
    }
  }

  /** The task's parameters and the versions of the tables its input patterns match ("absent" for a named one). */
  static Map<String, String> watermarks(PipelineTask task, Map<String, String> params, TableVersions versions) {
    Map<String, String> w = new TreeMap<>();
    params.forEach((k, v) -> w.put(PARAM + k, v));
    for (String pattern : task.inputs()) {
      if (pattern.endsWith(".*")) {
        Layer layer = Layer.of(pattern.substring(0, pattern.length() - 2));
        versions.asMap().forEach((t, v) -> {
          if (t.layer() == layer) {
            w.put(t.qualified(), String.valueOf(v));
          }
        });
      } else {
        long v = versions.version(TableName.parse(pattern));
        w.put(pattern, v < 0 ? "absent" : String.valueOf(v));
      }
    }
    return w;
  }

  private List<LineageEvents.Dataset> inputs(PipelineTask task, TableVersions versions) {
    List<LineageEvents.Dataset> in = new ArrayList<>();
    for (String key : watermarks(task, Map.of(), versions).keySet()) {
      TableName t = TableName.parse(key);
      if (versions.version(t) >= 0) {
        in.add(new LineageEvents.Dataset(t.qualified(), lh.path(t), null));
      }
    }
    return in;
  }

  private static boolean stillExist(List<String> outputs, TableVersions now) {
    return outputs.stream().allMatch(t -> now.version(TableName.parse(t)) >= 0);
  }

  private void emit(com.fasterxml.jackson.databind.node.ObjectNode event) {
    for (LineageSink s : lineage) {
      s.emit(event);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry", e);
    }
  }
}
