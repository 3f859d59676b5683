package org.carelake.orchestration.tasks;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.Publication;
import org.carelake.core.TableName;
import org.carelake.orchestration.pipeline.PipelineTask;
import org.carelake.orchestration.pipeline.RunLedger;
import org.carelake.orchestration.pipeline.TaskContext;
import org.carelake.orchestration.pipeline.TaskOutcome;
import org.carelake.orchestration.quality.QualityTask;

/**
 * The last step: publishes the gold tables at the versions the quality gates last passed (write-audit-publish). It
 * takes the versions from the ledger entry of the last successful quality task, not from the tables as they are
 * now, so what readers see is exactly what was checked even if gold was rebuilt since; it then says so.
 */
final class PublishTask implements PipelineTask {
  @Override
  public String name() {
    return "publish";
  }

  /** A new quality result (ops.dq_result) is what makes a new publication possible. */
  @Override
  public List<String> inputs() {
    return List.of("gold.*", QualityTask.RESULTS.qualified());
  }

  @Override
  public TaskOutcome run(TaskContext ctx) {
    Lakehouse lh = ctx.lakehouse();
    RunLedger.LastSuccess checked = new RunLedger(lh).lastSuccesses().get("quality");
    if (checked == null) {
      throw new IllegalStateException("nothing to publish: the quality gates have not passed yet (run the"
          + " pipeline, or ./carelake run --only quality)");
    }
    Map<TableName, Long> versions = new TreeMap<>((a, b) -> a.qualified().compareTo(b.qualified()));
    List<String> changedSince = new ArrayList<>();
    for (Map.Entry<String, String> w : checked.watermarks().entrySet()) {
      if (!w.getKey().startsWith(Layer.GOLD.dbName() + ".") || !w.getValue().matches("\\d+")) {
        continue;
      }
      TableName t = TableName.parse(w.getKey());
      long v = Long.parseLong(w.getValue());
      versions.put(t, v);
      if (lh.latestVersion(t) != v) {
        changedSince.add(t.qualified());
      }
    }
    if (versions.isEmpty()) {
      throw new IllegalStateException("nothing to publish: the last quality check (run " + checked.runId()
          + ") saw no gold table");
    }
    if (versions.equals(Publication.latest(lh))) {
      lh.attachPublished();
      return TaskOutcome.of("already published: " + versions.size() + " table(s) as checked by run "
          + checked.runId());
    }
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> rows = new ArrayList<>();
    versions.forEach((t, v) -> rows.add(RowFactory.create(ctx.runId(), now, checked.runId(), t.qualified(), v)));
    lh.create(Publication.TABLE, Publication.SCHEMA, Map.of());
    lh.append(Publication.TABLE, lh.spark().createDataFrame(rows, Publication.SCHEMA));
    lh.attachPublished();
    if (!changedSince.isEmpty()) {
      ctx.out().println("publish: " + changedSince + " changed after the last quality check; their checked"
          + " versions are published (run quality again to publish the newer ones)");
    }
    return TaskOutcome.of("published " + versions.size() + " gold table(s) as checked by run " + checked.runId());
  }
}
