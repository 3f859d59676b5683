package org.carelake.orchestration.pipeline;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.TableName;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code ops.run_ledger}: one row per task attempt of every pipeline run (succeeded, failed, skipped), append-only.
 * The input watermarks of a task's last success are what the next run compares against to decide whether the task
 * has anything new to do; a run killed mid-task left no success row for that task, so the next run redoes it and
 * skips the ones that finished.
 */
public final class RunLedger {
  public static final TableName TABLE = TableName.of(Layer.OPS, "run_ledger");
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";

  static final StructType SCHEMA = new StructType()
      .add("run_id", StringType, false)
      .add("task", StringType, false)
      .add("attempt", IntegerType, false)
      .add("status", StringType, false)
      .add("started_at", TimestampType, false)
      .add("finished_at", TimestampType, false)
      .add("duration_ms", LongType, false)
      .add("input_watermarks", DataTypes.createMapType(StringType, StringType), false)
      .add("outputs", DataTypes.createArrayType(StringType), false)
      .add("rows_in", LongType, true)
      .add("rows_out", LongType, true)
      .add("rows_quarantined", LongType, true)
      .add("summary", StringType, true)
      .add("error", StringType, true);

  private final Lakehouse lh;
  private final List<Row> pending = new ArrayList<>();

  public RunLedger(Lakehouse lh) {
    this.lh = lh;
  }

  /** One finished attempt. {@code watermarks} are the task's parameters and its inputs' versions after it ran. */
  public record Entry(String runId, String task, int attempt, String status, long startedAt, long finishedAt,
                      Map<String, String> watermarks, List<String> outputs, Long rowsIn, Long rowsOut,
                      Long rowsQuarantined, String summary, String error) {
    Row toRow() {
      return RowFactory.create(runId, task, attempt, status, new Timestamp(startedAt), new Timestamp(finishedAt),
          finishedAt - startedAt, CollectionConverters.asScala(new TreeMap<>(watermarks)), outputs.toArray(
              new String[0]), rowsIn, rowsOut, rowsQuarantined, summary, error);
    }
  }

  /** The last successful run of each task: its watermarks and the tables it wrote. */
  public record LastSuccess(String runId, Map<String, String> watermarks, List<String> outputs) {}

  public Map<String, LastSuccess> lastSuccesses() {
    Map<String, LastSuccess> out = new HashMap<>();
    if (!lh.exists(TABLE)) {
      return out;
    }
    List<Row> rows = lh.sql("SELECT task, max_by(struct(run_id, input_watermarks, outputs), finished_at) AS last "
        + "FROM " + TABLE.qualified() + " WHERE status = '" + SUCCEEDED + "' GROUP BY task").collectAsList();
    for (Row r : rows) {
      Row last = r.getStruct(1);
      Map<String, String> w = new TreeMap<>(CollectionConverters.asJava(last.<String, String>getMap(1)));
      out.put(r.getString(0), new LastSuccess(last.getString(0), w, last.getList(2)));
    }
    return out;
  }

  /** Queues an entry; {@link #flush} writes the queue in one commit. */
  public void add(Entry e) {
    pending.add(e.toRow());
  }

  public void flush() {
    if (pending.isEmpty()) {
      return;
    }
    lh.create(TABLE, SCHEMA, Map.of());
    lh.append(TABLE, lh.spark().createDataFrame(new ArrayList<>(pending), SCHEMA));
    pending.clear();
  }
}
