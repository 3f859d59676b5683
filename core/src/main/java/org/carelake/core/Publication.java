package org.carelake.core;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The published state of the marts (write-audit-publish): the pipeline's publish task records, for each table the
 * quality gates passed, the Delta version they checked. Care managers and analysts read those versions (the
 * dashboard through {@link Lakehouse#published()}, SQL through the {@code published} database), so a run that is
 * still writing, or whose gates failed, never shows half-built or wrong numbers: they keep seeing the last good ones.
 */
public final class Publication {
  public static final TableName TABLE = TableName.of(Layer.OPS, "publication");
  /** The catalog database of read-only views over the published versions. */
  public static final String DATABASE = "published";

  public static final StructType SCHEMA = new StructType()
      .add("publication_id", StringType, false)
      .add("published_at", TimestampType, false)
      .add("checked_by_run", StringType, true)
      .add("table_name", StringType, false)
      .add("version", LongType, false);

  private Publication() {}

  /** The tables of the newest publication and their versions; empty when nothing was published yet. */
  public static Map<TableName, Long> latest(Lakehouse lh) {
    Map<TableName, Long> out = new TreeMap<>((a, b) -> a.qualified().compareTo(b.qualified()));
    if (!lh.exists(TABLE)) {
      return out;
    }
    String t = "delta.`" + lh.path(TABLE).replace("`", "``") + "`";
    for (Row r : lh.sql("SELECT table_name, version FROM " + t + " WHERE publication_id = (SELECT max_by("
        + "publication_id, published_at) FROM " + t + ")").collectAsList()) {
      out.put(TableName.parse(r.getString(0)), r.getLong(1));
    }
    return out;
  }
}
