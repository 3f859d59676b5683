package org.carelake.core;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.AttributeMap$;
import org.apache.spark.sql.catalyst.plans.logical.Statistics;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.storage.RDDInfo;
import scala.Option;
import scala.collection.immutable.Seq;
import scala.math.BigInt;

/**
 * Cuts a Dataset's lineage, so that iterative work (connected components, shared measure models) plans in constant
 * time. On a cluster the cut is a reliable checkpoint (files in Spark's checkpoint directory, by default the
 * lakehouse's {@code _ops/checkpoints}, see {@link SparkSessions}): a local checkpoint lives in the executors' block
 * managers, so losing one executor (preemption, dynamic allocation) would fail the job with nothing to recompute
 * from. In local mode there is one JVM to lose, and a local checkpoint writes no files.
 *
 * <p>The cut Dataset carries its real size: Spark's own checkpoint keeps only the optimizer's estimate of the plan it
 * came from, which for a join or an aggregate is far too large (often the product of its inputs), so a join with a
 * small checkpointed table was planned as two shuffles where broadcasting it costs one scan.
 */
public final class Checkpoints {
  private Checkpoints() {}

  /** Computes {@code df} now and returns it without its lineage, sized by what it holds. */
  public static Dataset<Row> cut(Dataset<Row> df) {
    SparkContext sc = df.sparkSession().sparkContext();
    Dataset<Row> done = sc.getCheckpointDir().isDefined() ? df.checkpoint(true) : df.localCheckpoint(true);
    if (!(done.queryExecution().logical() instanceof LogicalRDD plan)) {
      return done;
    }
    long bytes = storedBytes(sc, plan.rdd());
    if (bytes < 0) {
      return done;
    }
    Seq<Object> other = plan.otherCopyArgs();  // (session, origin statistics, origin constraints)
    org.apache.spark.sql.classic.SparkSession session = (org.apache.spark.sql.classic.SparkSession) other.apply(0);
    @SuppressWarnings("unchecked")
    Option<org.apache.spark.sql.catalyst.expressions.ExpressionSet> constraints =
        (Option<org.apache.spark.sql.catalyst.expressions.ExpressionSet>) other.apply(2);
    Statistics stats = new Statistics(BigInt.apply(bytes), Option.empty(), AttributeMap$.MODULE$.empty(), false);
    LogicalRDD sized = plan.copy(plan.output(), plan.rdd(), plan.outputPartitioning(), plan.outputOrdering(),
        plan.isStreaming(), plan.stream(), session, Option.apply(stats), constraints);
    return org.apache.spark.sql.classic.Dataset$.MODULE$.ofRows(session, sized);
  }

  /**
   * Bytes of a checkpointed RDD: its blocks in memory and on disk (local checkpoint) or its files (reliable
   * checkpoint); -1 when unknown.
   */
  static long storedBytes(SparkContext sc, RDD<?> rdd) {
    if (rdd.getNumPartitions() == 0) {
      return 0;
    }
    for (RDDInfo info : sc.getRDDStorageInfo()) {
      if (info.id() == rdd.id() && info.numCachedPartitions() == info.numPartitions()) {
        return info.memSize() + info.diskSize();
      }
    }
    Option<String> file = rdd.getCheckpointFile();
    if (file.isDefined()) {
      Path dir = new Path(file.get());
      try {
        FileSystem fs = dir.getFileSystem(sc.hadoopConfiguration());
        return fs.getContentSummary(dir).getLength();
      } catch (IOException e) {
        return -1;  // only an optimization: plan as Spark would without it
      }
    }
    return -1;
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
