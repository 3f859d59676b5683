package org.carelake.transforms.silver;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.TableName;
import org.carelake.core.Tables;

/**
 * {@code ops.silver_ledger}: which bronze batches silver has taken in, and with which view definitions. Written
 * after the silver tables, so a crash leaves the batches unrecorded and the next run redoes them (idempotently).
 */
public final class SilverLedger {
  public static final TableName TABLE = TableName.of(Layer.OPS, "silver_ledger");
  static final StructType SCHEMA = new StructType()
      .add("batch_id", DataTypes.StringType, false)
      .add("views_hash", DataTypes.StringType, false)
      .add("run_id", DataTypes.StringType, false)
      .add("mode", DataTypes.StringType, false)
      .add("processed_at", DataTypes.TimestampType, false);

  private SilverLedger() {}

  /** Batches committed by ingestion (the ingest ledger is written last, so these are complete). */
  static Set<String> committedBatches(Lakehouse lh) {
    return batches(lh, Tables.INGEST_LEDGER);
  }

  /** Batches silver processed with these views; null if any was processed with other views (rebuild needed). */
  static Set<String> processedBatches(Lakehouse lh, String viewsHash) {
    if (!lh.exists(TABLE)) {
      return new HashSet<>();
    }
    long other = lh.table(TABLE).where(org.apache.spark.sql.functions.col("views_hash").notEqual(viewsHash)).count();
    return other > 0 ? null : batches(lh, TABLE);
  }

  private static Set<String> batches(Lakehouse lh, TableName t) {
    Set<String> out = new HashSet<>();
    if (lh.exists(t)) {
      for (Row r : lh.table(t).select("batch_id").distinct().collectAsList()) {
        out.add(r.getString(0));
      }
    }
    return out;
  }

  static void record(Lakehouse lh, Set<String> batches, String viewsHash, String runId, boolean full) {
    Timestamp now = new Timestamp(System.currentTimeMillis());
    List<Row> rows = new ArrayList<>();
    for (String b : batches) {
      rows.add(RowFactory.create(b, viewsHash, runId, full ? "full" : "incremental", now));
    }
    var df = lh.spark().createDataFrame(rows, SCHEMA);
    if (full) {
      lh.overwrite(TABLE, df);
    } else {
      lh.append(TABLE, df);
    }
  }
}
