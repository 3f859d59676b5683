package org.carelake.core;

import org.apache.spark.sql.Dataset;

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
}
