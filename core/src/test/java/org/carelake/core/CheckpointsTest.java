package org.carelake.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lineage cut is local without a checkpoint directory and reliable (files) with one, as on a cluster. */
class CheckpointsTest {
  @Test
  void cutsLocallyWithoutACheckpointDirectoryAndToFilesWithOne(@TempDir Path dir) throws IOException {
    SparkSession spark = SharedSpark.session();
    assertFalse(spark.sparkContext().getCheckpointDir().isDefined(), "a local session sets no checkpoint directory");
    Dataset<Row> rows = spark.range(100).selectExpr("id", "id % 7 AS k").groupBy("k").count().orderBy("k");
    Dataset<Row> local = Checkpoints.cut(rows);
    assertEquals(rows.collectAsList(), local.collectAsList());
    assertSized(local);
    assertTrue(local.rdd().toDebugString().contains("LocalCheckpointRDD")
        || local.queryExecution().toRdd().toDebugString().contains("LocalCheckpointRDD"),
        local.queryExecution().toRdd().toDebugString());

    // As SparkSessions does on any master but local (this shared session keeps it: nothing else here checkpoints).
    spark.sparkContext().setCheckpointDir(dir.toString());
    Dataset<Row> reliable = Checkpoints.cut(rows);
    assertEquals(rows.collectAsList(), reliable.collectAsList());
    assertSized(reliable);
    try (Stream<Path> files = Files.walk(dir)) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("part-")), "checkpoint files written");
    }
  }

  @Test
  void aSmallCutIsBroadcastWhereItsPlanWouldHaveBeenShuffled() {
    SparkSession spark = SharedSpark.session();
    Dataset<Row> ids = spark.range(2000).selectExpr("id", "id % 100 AS k");
    // a join's estimate is the product of its inputs: far over the broadcast limit, though it is 100 rows
    Dataset<Row> perKey = ids.join(ids.withColumnRenamed("id", "id2"), "k").groupBy("k").count();
    long threshold = spark.sessionState().conf().autoBroadcastJoinThreshold();
    assertTrue(size(perKey) > threshold, "the planner's estimate: " + size(perKey));
    Dataset<Row> cut = Checkpoints.cut(perKey);
    assertSized(cut);
    String plan = perKey.withColumnRenamed("count", "n").join(cut, "k").queryExecution().executedPlan().toString();
    assertTrue(plan.contains("BroadcastHashJoin"), plan);
    assertEquals(100, perKey.join(cut, "k").count());
  }

  /** A cut reports what it holds (some bytes, well under the broadcast limit for these few rows), not an estimate. */
  private static void assertSized(Dataset<Row> cut) {
    long bytes = size(cut);
    assertTrue(bytes > 0 && bytes < 1_000_000, "size of a cut of a few rows: " + bytes);
  }

  private static long size(Dataset<Row> df) {
    return df.queryExecution().optimizedPlan().stats().sizeInBytes().longValue();
  }
}
