package org.carelake.core;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.execution.LogicalRDD;

/**
 * Cuts a Dataset's lineage, so that iterative work (connected components, shared measure models) plans in constant
 * time. On a cluster the cut is a reliable checkpoint (files in Spark's checkpoint directory, by default the
 * lakehouse's {@code _ops/checkpoints}, see {@link SparkSessions}): a local checkpoint lives in the executors' block
 * managers, so losing one executor (preemption, dynamic allocation) would fail the job with nothing to recompute
 * from. In local mode there is one JVM to lose, and a local checkpoint writes no files.
 */
public final class Checkpoints {
  private Checkpoints() {}

  /** Computes {@code df} now and returns it without its lineage. */
  public static <T> Dataset<T> cut(Dataset<T> df) {
    return df.sparkSession().sparkContext().getCheckpointDir().isDefined() ? df.checkpoint(true)
        : df.localCheckpoint(true);
  }

  /**
   * Frees the blocks of a Dataset {@link #cut} returned (a local checkpoint is not in the cache manager, so
   * {@code unpersist} misses it; a reliable one's files go when the Dataset is collected). Anything else is left as
   * it is.
   */
  public static void release(Dataset<?> df) {
    if (df.queryExecution().logical() instanceof LogicalRDD r) {
      r.rdd().unpersist(false);
    }
  }
}
