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
    assertTrue(local.rdd().toDebugString().contains("LocalCheckpointRDD")
        || local.queryExecution().toRdd().toDebugString().contains("LocalCheckpointRDD"),
        local.queryExecution().toRdd().toDebugString());

    // As SparkSessions does on any master but local (this shared session keeps it: nothing else here checkpoints).
    spark.sparkContext().setCheckpointDir(dir.toString());
    Dataset<Row> reliable = Checkpoints.cut(rows);
    assertEquals(rows.collectAsList(), reliable.collectAsList());
    try (Stream<Path> files = Files.walk(dir)) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("part-")), "checkpoint files written");
    }
  }
}
