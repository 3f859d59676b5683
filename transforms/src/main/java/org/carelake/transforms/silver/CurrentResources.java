package org.carelake.transforms.silver;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.core.Checkpoints;
import org.carelake.core.Lakehouse;

/**
 * The current version of each resource (per source, type and id) from bronze, which keeps every version received.
 * The newest wins: highest numeric meta.versionId, then latest meta.lastUpdated, then the one ingested last (then
 * the later file and line). A deletion that wins removes the resource.
 *
 * <p>Most resources have one version, so only keys with several versions are ranked (on key columns alone); the big
 * resource text is never shuffled. Same answer as {@code bronze.fhir_current}, which ranks everything.
 */
public final class CurrentResources {
  static final String KEY = "source_system, resource_type, resource_id";
  private static final String[] KEY_COLUMNS = {"source_system", "resource_type", "resource_id"};

  private CurrentResources() {}

  /** Above this many multi-version keys, ranking them all by a shuffle beats broadcasting the key set. */
  private static final long BROADCAST_KEYS = 2_000_000;

  /** Current resources (not deleted) of bronze, FHIR and HL7 v2 alike. */
  public static Dataset<Row> select(Lakehouse lh) {
    try (ResourceFeed feed = ResourceFeed.open(lh, java.time.ZoneOffset.UTC)) {
      return Checkpoints.cut(select(feed.rows(), null));
    }
  }

  /**
   * Current resources (not deleted) among resource versions in the columns of bronze.fhir_resource, optionally only
   * for the keys in {@code keys} (columns of {@link #KEY}).
   */
  public static Dataset<Row> select(Dataset<Row> versions, Dataset<Row> keys) {
    Dataset<Row> bronze = versions;
    if (keys != null) {
      bronze = bronze.join(broadcast(keys), KEY_COLUMNS, "left_semi");
    }
    Dataset<Row> multi = bronze.groupBy(col("source_system"), col("resource_type"), col("resource_id"))
        .count().where(col("count").gt(1)).drop("count").cache();
    long multiCount = multi.count();
    if (multiCount == 0) {
      multi.unpersist();
      return bronze.where(col("is_deleted").equalTo(false));
    }
    if (multiCount > BROADCAST_KEYS) {
      multi.unpersist();
      return ranked(bronze).where(col("is_deleted").equalTo(false));
    }
    // Winners among multi-version keys, ranked on the narrow columns only. (file, line) alone is not unique: a
    // deletion Bundle's line carries the Bundle and each of its tombstones, so the key is part of the match.
    Dataset<Row> narrow = bronze.select(col("source_system"), col("resource_type"), col("resource_id"),
        col("version_id"), col("last_updated"), col("ingested_at"), col("file"), col("line"))
        .join(broadcast(multi), KEY_COLUMNS, "left_semi");
    Dataset<Row> winners = ranked(narrow).select(col("source_system"), col("resource_type"), col("resource_id"),
        col("file"), col("line"));
    Dataset<Row> single = bronze.join(broadcast(multi), KEY_COLUMNS, "left_anti");
    Dataset<Row> newest = bronze.join(broadcast(winners),
        new String[] {"source_system", "resource_type", "resource_id", "file", "line"}, "left_semi");
    return single.unionByName(newest).where(col("is_deleted").equalTo(false));
  }

  private static Dataset<Row> ranked(Dataset<Row> rows) {
    return rows.withColumn("_version_rank", org.apache.spark.sql.functions.expr(
            "row_number() OVER (PARTITION BY " + KEY + " ORDER BY " + ORDER + ")"))
        .where(col("_version_rank").equalTo(1)).drop("_version_rank");
  }

  private static final String ORDER = "try_cast(version_id AS BIGINT) DESC NULLS LAST, last_updated DESC NULLS LAST, "
      + "ingested_at DESC, file DESC, line DESC";
}
