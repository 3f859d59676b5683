package org.carelake.orchestration.quality;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.TableName;
import org.carelake.core.Tables;
import org.carelake.orchestration.pipeline.PipelineTask;
import org.carelake.orchestration.pipeline.TaskContext;
import org.carelake.orchestration.pipeline.TaskOutcome;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The data-quality gates as a pipeline task: every gate of {@link QualityGates} is checked, each result goes to
 * {@code ops.dq_result}, and a violated gate of severity fail fails the task (so the run), after all gates were
 * checked and recorded. Severity and parameters of each gate can be set by configuration:
 * {@code spark.carelake.quality.GATE.severity=warn|fail|off}, {@code spark.carelake.quality.GATE.PARAM=VALUE}.
 */
public final class QualityTask implements PipelineTask {
  public static final TableName RESULTS = TableName.of(Layer.OPS, "dq_result");
  public static final String CONF_PREFIX = "spark.carelake.quality.";
  /** A directory (any Hadoop path) of the user's own gates, checked after the shipped ones. */
  public static final String CONF_DIR = CONF_PREFIX + "dir";
  private static final int SAMPLE_ROWS = 5;

  static final StructType SCHEMA = new StructType()
      .add("run_id", StringType, false)
      .add("gate", StringType, false)
      .add("category", StringType, false)
      .add("severity", StringType, false)
      .add("status", StringType, false)
      .add("violations", LongType, true)
      .add("sample", StringType, true)
      .add("detail", StringType, true)
      .add("checked_at", TimestampType, false);

  @Override
  public String name() {
    return "quality";
  }

  @Override
  public List<String> inputs() {
    return List.of("bronze.*", "quarantine.*", "ref.*", "silver.*", "gold.*", Tables.INGEST_LEDGER.qualified(),
        "ops.dq_metrics");
  }

  /** The gates' configuration: changing a severity or threshold re-checks them. */
  @Override
  public Map<String, String> parameters(TaskContext ctx) {
    Map<String, String> p = new TreeMap<>();
    for (var e : CollectionConverters.asJava(ctx.lakehouse().spark().conf().getAll()).entrySet()) {
      if (e.getKey().startsWith(CONF_PREFIX)) {
        p.put(e.getKey().substring(CONF_PREFIX.length()), e.getValue());
      }
    }
    return p;
  }

  /** One gate's result. */
  public record Result(String gate, String category, QualityGate.Severity severity, String status, Long violations,
                       String sample, String detail) {}

  @Override
  public TaskOutcome run(TaskContext ctx) {
    Lakehouse lh = ctx.lakehouse();
    List<QualityGate> gates = QualityGates.load(lh);
    List<Result> results = new ArrayList<>();
    for (QualityGate g : gates) {
      Result r;
      try {
        r = check(g, ctx);
      } catch (IllegalArgumentException e) {
        throw e; // a misconfigured gate: the user's to fix before anything is checked
      } catch (Exception e) {
        // A gate whose query cannot run has not shown the data is fine: recorded, and it fails the task.
        r = new Result(g.name(), g.category(), g.severity(), "error", null, null,
            e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      }
      results.add(r);
      ctx.out().printf("quality: %-34s %-7s %s%n", r.gate(), r.status(),
          r.violations() == null ? r.detail() : r.violations() + " violation(s)");
    }
    record(lh, ctx.runId(), results);
    List<String> failed = results.stream().filter(r -> r.status().equals("fail") || r.status().equals("error"))
        .map(Result::gate).toList();
    long warned = results.stream().filter(r -> r.status().equals("warn")).count();
    if (!failed.isEmpty()) {
      throw new IllegalStateException("data-quality gate(s) failed: " + String.join(", ", failed)
          + " (see ops.dq_result for samples; a gate's severity is set by " + CONF_PREFIX + "GATE.severity)");
    }
    return TaskOutcome.of(results.size() + " gate(s) checked, " + warned + " warning(s)");
  }

  Result check(QualityGate g, TaskContext ctx) {
    Lakehouse lh = ctx.lakehouse();
    var conf = lh.spark().conf();
    QualityGate.Severity severity = QualityGate.Severity.of(
        conf.get(CONF_PREFIX + g.name() + ".severity", g.severity().name()), g.name());
    if (severity == QualityGate.Severity.OFF) {
      return new Result(g.name(), g.category(), severity, "off", null, null, "turned off by configuration");
    }
    List<String> missing = g.requires().stream().filter(t -> !lh.exists(t)).map(TableName::qualified).toList();
    if (!missing.isEmpty()) {
      return new Result(g.name(), g.category(), severity, "skipped", null, null, "not built: " + missing);
    }
    Map<TableName, String> previous = new LinkedHashMap<>();
    for (TableName t : g.previousTables()) {
      String v = ctx.previous() == null ? null : ctx.previous().watermarks().get(t.qualified());
      if (v == null || !v.matches("\\d+")) {
        return new Result(g.name(), g.category(), severity, "skipped", null, null,
            "no earlier checked version of " + t.qualified() + " to compare with");
      }
      previous.put(t, "delta.`" + lh.path(t).replace("`", "``") + "` VERSION AS OF " + v);
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (var e : g.params().entrySet()) {
      String v = conf.get(CONF_PREFIX + g.name() + "." + e.getKey(), e.getValue());
      if (!v.matches("-?[0-9]+(\\.[0-9]+)?")) {
        throw new IllegalArgumentException("quality gate " + g.name() + ": parameter " + e.getKey() + " = '" + v
            + "' is not a number");
      }
      params.put(e.getKey(), v);
    }
    Dataset<Row> violations = lh.sql(g.bind(params, previous));
    List<String> sample = violations.toJSON().takeAsList(SAMPLE_ROWS);
    long n = sample.size() < SAMPLE_ROWS ? sample.size() : violations.count();
    String status = n == 0 ? "pass" : severity == QualityGate.Severity.FAIL ? "fail" : "warn";
    return new Result(g.name(), g.category(), severity, status, n, n == 0 ? null : "[" + String.join(",", sample)
        + "]", g.description());
  }

  private static void record(Lakehouse lh, String runId, List<Result> results) {
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> rows = new ArrayList<>();
    for (Result r : results) {
      rows.add(RowFactory.create(runId, r.gate(), r.category(), r.severity().name().toLowerCase(
          java.util.Locale.ROOT), r.status(), r.violations(), r.sample(), r.detail(), now));
    }
    lh.create(RESULTS, SCHEMA, Map.of());
    lh.append(RESULTS, lh.spark().createDataFrame(rows, SCHEMA));
  }
}
