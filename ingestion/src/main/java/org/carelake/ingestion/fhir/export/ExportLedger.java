package org.carelake.ingestion.fhir.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.TableName;

/**
 * {@code ops.export_ledger}: one row per export ingested from a FHIR server. Its transactionTimes are the watermarks of
 * {@code --since auto}: the next export of the same server, scope, types, filters and source asks for what changed
 * after the last complete one, so incremental pulls leave no gap.
 */
public final class ExportLedger {
  public static final TableName TABLE = TableName.of(Layer.OPS, "export_ledger");

  static final StructType SCHEMA = new StructType()
      .add("job_id", StringType, false)
      .add("source_system", StringType, false)
      .add("server", StringType, false)
      .add("scope", StringType, false)
      .add("group_id", StringType, true)
      .add("types", DataTypes.createArrayType(StringType), false)
      .add("type_filters", DataTypes.createArrayType(StringType), false)
      .add("since", StringType, true)
      .add("transaction_time", StringType, true)
      .add("transaction_ts", TimestampType, true)
      .add("kick_off_url", StringType, false)
      .add("output_files", LongType, false)
      .add("deleted_files", LongType, false)
      .add("error_files", LongType, false)
      .add("bytes", LongType, false)
      .add("resources", LongType, false)
      .add("tombstones", LongType, false)
      .add("quarantined", LongType, false)
      .add("server_errors", LongType, false)
      .add("complete", BooleanType, false)
      .add("batch_ids", DataTypes.createArrayType(StringType), false)
      .add("kicked_off_at", TimestampType, true)
      .add("completed_at", TimestampType, false);

  /** The watermark an export continues from: the job that set it and its transactionTime. */
  public record Watermark(String jobId, String transactionTime) {}

  private ExportLedger() {}

  /**
   * The transactionTime of the newest complete export of this server, scope, group, types, filters and source; null
   * when there is none. An export whose server reported errors is not complete: continuing after it could skip the
   * resources that failed.
   */
  public static Watermark last(Lakehouse lh, ExportRequest request, String source) {
    if (!lh.exists(TABLE)) {
      return null;
    }
    List<Row> rows = lh.table(TABLE)
        .where(col("server").equalTo(request.server()).and(col("scope").equalTo(request.scope().code()))
            .and(col("source_system").equalTo(source)).and(col("group_id").eqNullSafe(request.groupId()))
            .and(col("complete")).and(col("transaction_ts").isNotNull()))
        .select("job_id", "transaction_time", "types", "type_filters", "transaction_ts")
        .orderBy(col("transaction_ts").desc()).collectAsList();
    for (Row r : rows) {
      if (r.getList(2).equals(request.types()) && r.getList(3).equals(request.typeFilters())) {
        return new Watermark(r.getString(0), r.getString(1));
      }
    }
    return null;
  }

  public static boolean recorded(Lakehouse lh, String jobId) {
    return lh.exists(TABLE) && !lh.table(TABLE).where(col("job_id").equalTo(jobId)).isEmpty();
  }

  /** Appends the row of a finished export (the last step of a job). */
  static void commit(Lakehouse lh, ExportJob job, ExportResult result) {
    ExportRequest q = job.request();
    Row row = RowFactory.create(job.id(), job.source(), q.server(), q.scope().code(), q.groupId(), q.types(),
        q.typeFilters(), q.since(), job.transactionTime(), timestamp(job.transactionTime()), job.kickOffUrl(),
        result.files(ExportFile.OUTPUT), result.files(ExportFile.DELETED), result.files(ExportFile.ERROR),
        result.bytes(), result.resources(), result.tombstones(), result.quarantined(), result.serverErrors(),
        result.serverErrors() == 0, result.batchIds(), timestamp(job.kickedOffAt()),
        new Timestamp(System.currentTimeMillis()));
    lh.appendAddingColumns(TABLE, lh.spark().createDataFrame(List.of(row), SCHEMA));
  }

  static Timestamp timestamp(String instant) {
    if (instant == null) {
      return null;
    }
    try {
      return Timestamp.from(OffsetDateTime.parse(instant).toInstant());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
