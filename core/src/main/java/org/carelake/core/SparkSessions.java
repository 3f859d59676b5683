package org.carelake.core;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the one SparkSession a Carelake process uses: Delta enabled, sized for the machine, any master. */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession create(CarelakeConfig config, String appName) {
    SparkSession.Builder b = SparkSession.builder().appName(appName)
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        // The filesystem is the catalog (see Lakehouse): no metastore service to run or keep in sync.
        .config("spark.sql.catalogImplementation", "in-memory")
        // Databases of the in-memory catalog get (empty) folders here rather than in the working directory.
        .config("spark.sql.warehouse.dir", config.lakehouseRoot() + "/_catalog");
    // Spark reads spark-submit's --conf and -D spark.* system properties into every new SparkConf.
    defaultsNotSetIn(new SparkConf(), config).forEach(b::config);
    if (config.master() != null) {
      b.master(config.master());
      if (config.master().startsWith("local")) {
        b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
      }
    }
    config.sparkConf().forEach(b::config);
    // Raw JSON and hashes are unique per row: a dictionary attempt on them is pure overhead before the fallback.
    b.config("spark.hadoop.parquet.enable.dictionary#resource", "false")
        .config("spark.hadoop.parquet.enable.dictionary#content_hash", "false");
    // Checkpoint files are deleted with the Datasets they back (see Checkpoints).
    b.config("spark.cleaner.referenceTracking.cleanCheckpoints", "true");
    SparkSession spark = b.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    if (!spark.sparkContext().isLocal() && spark.sparkContext().getCheckpointDir().isEmpty()) {
      // On a cluster, reliable checkpoints need a directory every executor reaches: the lakehouse has one.
      spark.sparkContext().setCheckpointDir(config.lakehouseRoot() + "/_ops/checkpoints");
    }
    return spark;
  }

  /**
   * Carelake's tuning defaults, less those the operator set already ({@code spark-submit --conf}, {@code -D}, a
   * spark-defaults.conf): the operator's value wins.
   */
  static Map<String, String> defaultsNotSetIn(SparkConf given, CarelakeConfig config) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("spark.sql.shuffle.partitions", String.valueOf(config.shufflePartitions()));
    d.put("spark.sql.adaptive.enabled", "true");
    d.put("spark.sql.session.timeZone", "UTC");
    // Partitioned writes keep one open writer per partition instead of sorting the whole batch first.
    d.put("spark.sql.maxConcurrentOutputFileWriters", "64");
    d.put("spark.ui.enabled", "false");
    d.put("spark.ui.showConsoleProgress", "false");
    // Every query's plan is rendered for the listener bus; the simple form costs a fraction of the formatted one.
    d.put("spark.sql.ui.explainMode", "simple");
    // Delta replays a table's log (to replace, merge into or read it) in this many tasks, each generating code for
    // its wide action rows: a log is small next to the data, and one task per four shuffle partitions cut a silver
    // build's CPU by 6-16% in three paired runs (BENCHMARKS.md, "Fewer log-replay tasks").
    d.put("spark.databricks.delta.snapshotPartitions", String.valueOf(Math.max(1, config.shufflePartitions() / 4)));
    d.put("spark.databricks.delta.stats.skipping", "true");
    // New tables keep file statistics on their first columns only (keys and lineage come first in every table):
    // statistics on all 32 default columns cost more to collect on narrow silver/gold writes than they save.
    d.put("spark.databricks.delta.properties.defaults.dataSkippingNumIndexedCols", "8");
    // Row groups of 16 MiB, not 128: a table file of tens of megabytes is read by every core instead of one, and
    // a filter on a column the file is sorted by (silver.coding by resource type) skips the groups it cannot match.
    d.put("spark.hadoop.parquet.block.size", String.valueOf(16 << 20));
    d.keySet().removeIf(given::contains);
    if (!given.contains(ProjectionMode.KEY)) {
      // Interpreted until a lakehouse is opened, which chooses by its size: see ProjectionMode.
      d.put(ProjectionMode.KEY, ProjectionMode.INTERPRETED);
      d.put(ProjectionMode.AUTO, "true");
    }
    return d;
  }
}
