package org.carelake.transforms.terminology;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.TableName;
import org.carelake.core.Tables;

/**
 * Measures conformance after a silver build, in one pass over the status columns of every silver table:
 * {@code ops.dq_metrics} gets the share of standard / mapped / unmapped / invalid codes per table and element for
 * this run, and {@code ops.unmapped_codes} is rebuilt with every unmapped or invalid (source, system, code,
 * display): how often, where, and when it was first and last ingested, so a data engineer can extend the maps.
 */
public final class CodeQuality {
  public static final TableName DQ_METRICS = TableName.of(Layer.OPS, "dq_metrics");
  public static final TableName UNMAPPED_CODES = TableName.of(Layer.OPS, "unmapped_codes");
  /** silver.coding repeats, one coding per row, what the tables hold per element: measured, not listed. */
  private static final String CODING = "coding";

  /** The columns of one coded element in a silver table. */
  public record Element(String name, String system, String code, String display, String prefix) {}

  static final StructType DQ_SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType)
      .add("measured_at", DataTypes.TimestampType)
      .add("table_name", DataTypes.StringType)
      .add("element", DataTypes.StringType)
      .add("codes", DataTypes.LongType)
      .add("standard", DataTypes.LongType)
      .add("mapped", DataTypes.LongType)
      .add("unmapped", DataTypes.LongType)
      .add("invalid", DataTypes.LongType)
      .add("standard_share", DataTypes.DoubleType)
      .add("mapped_share", DataTypes.DoubleType)
      .add("unmapped_share", DataTypes.DoubleType)
      .add("invalid_share", DataTypes.DoubleType);

  static final StructType UNMAPPED_SCHEMA = new StructType()
      .add("source_system", DataTypes.StringType)
      .add("system", DataTypes.StringType)
      .add("code", DataTypes.StringType)
      .add("display", DataTypes.StringType)
      .add("status", DataTypes.StringType)
      .add("reason", DataTypes.StringType)
      .add("occurrences", DataTypes.LongType)
      .add("elements", DataTypes.createArrayType(DataTypes.StringType))
      .add("first_seen", DataTypes.TimestampType)
      .add("last_seen", DataTypes.TimestampType)
      .add("measured_at", DataTypes.TimestampType);

  /** Per-table totals of one run, for the build's log and {@code carelake status}. */
  public record TableShare(String table, long codes, long standard, long mapped, long unmapped, long invalid) {}

  private CodeQuality() {}

  /** Ingest time of each bronze batch (first and last), to date the codes: small, broadcast into each aggregate. */
  public static Dataset<Row> batchTimes(Lakehouse lh) {
    return lh.exists(Tables.INGEST_LEDGER)
        ? lh.table(Tables.INGEST_LEDGER).groupBy("batch_id")
            .agg(min("started_at").as("_first"), max("committed_at").as("_last")).cache()
        : lh.spark().createDataFrame(List.of(), new StructType().add("batch_id", DataTypes.StringType)
            .add("_first", DataTypes.TimestampType).add("_last", DataTypes.TimestampType));
  }

  /**
   * One table's counts by element and status, with the detail of unmapped and invalid codes: a small result,
   * computed where the table's rows are at hand (a table after a merge or a fill-in).
   */
  public static List<Row> aggregate(Dataset<Row> rows, String table, List<Element> elements, Dataset<Row> batches) {
    if (elements.isEmpty()) {
      return List.of();
    }
    List<Column> structs = new ArrayList<>();
    for (Element el : elements) {
      structs.add(org.apache.spark.sql.functions.struct(lit(el.name()).as("element"),
          col("`" + el.prefix() + "map_status`").as("status"), col("`" + el.system() + "`").as("system"),
          col("`" + el.code() + "`").as("code"),
          el.display() == null ? lit(null).cast("string").as("display") : col("`" + el.display() + "`").as("display"),
          col("`" + el.prefix() + "map_reason`").as("reason")));
    }
    Dataset<Row> codes = rows
        .select(col("source_system"), col("_batch_id").as("batch_id"),
            org.apache.spark.sql.functions.explode(org.apache.spark.sql.functions.array(
                structs.toArray(new Column[0]))).as("e"))
        .where(col("e.status").isNotNull())
        .select(lit(table).as("table_name"), col("e.element").as("element"), col("e.status").as("status"),
            col("e.system").as("system"), col("e.code").as("code"), col("e.display").as("display"),
            col("e.reason").as("reason"), col("source_system"), col("batch_id"));
    return summarize(codes, batches);
  }

  /** The columns {@link #summarize} reads: one row per coded value. */
  public static final List<String> CODE_COLUMNS = List.of("table_name", "element", "status", "system", "code",
      "display", "reason", "source_system", "batch_id");

  /**
   * Counts coded values (rows with {@link #CODE_COLUMNS}) by table, element and status, keeping the source,
   * coding and reason only for unmapped and invalid ones, so the result stays small.
   */
  public static List<Row> summarize(Dataset<Row> codes, Dataset<Row> batches) {
    Column detail = col("status").isin("unmapped", "invalid");
    Dataset<Row> masked = codes.select(col("table_name"), col("element"), col("status"),
        when(detail, col("source_system")).as("source_system"), when(detail, col("system")).as("system"),
        when(detail, col("code")).as("code"), when(detail, col("display")).as("display"),
        when(detail, col("reason")).as("reason"), col("batch_id").as("_batch_id"));
    return masked.join(org.apache.spark.sql.functions.broadcast(batches),
            masked.col("_batch_id").equalTo(batches.col("batch_id")), "left")
        .groupBy("table_name", "element", "status", "source_system", "system", "code", "display", "reason")
        .agg(count("*").as("n"), min("_first").as("first"), max("_last").as("last"))
        .collectAsList();
  }

  /** Writes this run's {@code ops.dq_metrics} rows and rebuilds {@code ops.unmapped_codes} from the aggregates. */
  public static List<TableShare> record(Lakehouse lh, List<Row> agg, String runId, PrintStream log) {
    Timestamp now = new Timestamp(System.currentTimeMillis());
    Map<String, long[]> byElement = new TreeMap<>();
    Map<List<Object>, Object[]> unmapped = new LinkedHashMap<>();
    for (Row r : agg) {
      String table = r.getString(0);
      long[] counts = byElement.computeIfAbsent(table + "\u0000" + r.getString(1), k -> new long[5]);
      long n = r.getLong(8);
      counts[0] += n;
      switch (r.getString(2)) {
        case "standard" -> counts[1] += n;
        case "mapped" -> counts[2] += n;
        case "unmapped" -> counts[3] += n;
        case "invalid" -> counts[4] += n;
        default -> { }
      }
      if (!CODING.equals(table) && r.getString(3) != null) {
        List<Object> key = java.util.Arrays.asList(r.getString(3), r.getString(4), r.getString(5), r.getString(6),
            r.getString(2));
        Object[] acc = unmapped.computeIfAbsent(key, k -> new Object[] {r.getString(7), 0L, new TreeSet<String>(),
            null, null});
        acc[1] = (Long) acc[1] + n;
        @SuppressWarnings("unchecked")
        TreeSet<String> where = (TreeSet<String>) acc[2];
        where.add(table + "." + r.getString(1));
        acc[3] = earliest((Timestamp) acc[3], r.getTimestamp(9));
        acc[4] = latest((Timestamp) acc[4], r.getTimestamp(10));
      }
    }
    List<Row> dq = new ArrayList<>();
    Map<String, long[]> byTable = new LinkedHashMap<>();
    byElement.forEach((k, c) -> {
      String[] te = k.split("\u0000", 2);
      dq.add(RowFactory.create(runId, now, te[0], te[1], c[0], c[1], c[2], c[3], c[4], share(c[1], c[0]),
          share(c[2], c[0]), share(c[3], c[0]), share(c[4], c[0])));
      long[] t = byTable.computeIfAbsent(te[0], x -> new long[5]);
      for (int i = 0; i < 5; i++) {
        t[i] += c[i];
      }
    });
    lh.append(DQ_METRICS, lh.spark().createDataFrame(dq, DQ_SCHEMA).coalesce(1));
    List<Row> codes = new ArrayList<>();
    unmapped.forEach((k, v) -> codes.add(RowFactory.create(k.get(0), k.get(1), k.get(2), k.get(3), k.get(4), v[0],
        v[1], scala.jdk.javaapi.CollectionConverters.asScala(new ArrayList<>((TreeSet<?>) v[2])).toSeq(), v[3], v[4],
        now)));
    lh.overwrite(UNMAPPED_CODES, lh.spark().createDataFrame(codes, UNMAPPED_SCHEMA).coalesce(1));
    List<TableShare> out = new ArrayList<>();
    byTable.forEach((t, c) -> out.add(new TableShare(t, c[0], c[1], c[2], c[3], c[4])));
    long[] all = new long[5];
    out.forEach(s -> {
      all[0] += s.codes();
      all[1] += s.standard();
      all[2] += s.mapped();
      all[3] += s.unmapped();
      all[4] += s.invalid();
    });
    log.printf("  codes: %,d coded values: %.1f%% standard, %.1f%% mapped, %.1f%% unmapped, %.1f%% invalid; "
            + "%,d distinct unmapped or invalid codes (ops.unmapped_codes)%n", all[0], 100 * share(all[1], all[0]),
        100 * share(all[2], all[0]), 100 * share(all[3], all[0]), 100 * share(all[4], all[0]), codes.size());
    return out;
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  private static Timestamp earliest(Timestamp a, Timestamp b) {
    return a == null ? b : b == null || a.before(b) ? a : b;
  }

  private static Timestamp latest(Timestamp a, Timestamp b) {
    return a == null ? b : b == null || a.after(b) ? a : b;
  }
}
