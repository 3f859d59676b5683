package org.carelake.core;

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
        .config("spark.sql.warehouse.dir", config.lakehouseRoot() + "/_catalog")
        .config("spark.sql.shuffle.partitions", String.valueOf(config.shufflePartitions()))
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.sql.session.timeZone", "UTC")
        // Partitioned writes keep one open writer per partition instead of sorting the whole batch first.
        .config("spark.sql.maxConcurrentOutputFileWriters", "64")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        // Every query's plan is rendered for the listener bus; the simple form costs a fraction of the formatted one.
        .config("spark.sql.ui.explainMode", "simple")
        .config("spark.databricks.delta.snapshotPartitions", String.valueOf(config.shufflePartitions()))
        .config("spark.databricks.delta.stats.skipping", "true")
        // New tables keep file statistics on their first columns only (keys and lineage come first in every table):
        // statistics on all 32 default columns cost more to collect on narrow silver/gold writes than they save.
        .config("spark.databricks.delta.properties.defaults.dataSkippingNumIndexedCols", "8")
        // Row groups of 16 MiB, not 128: a table file of tens of megabytes is read by every core instead of one, and
        // a filter on a column the file is sorted by (silver.coding by resource type) skips the groups it cannot match.
        .config("spark.hadoop.parquet.block.size", String.valueOf(16 << 20));
    if (!new SparkConf().contains(ProjectionMode.KEY)) {
      // Interpreted per-task projections (see ProjectionMode), unless spark-submit --conf or -D chose otherwise.
      b.config(ProjectionMode.KEY, ProjectionMode.INTERPRETED);
    }
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
}
