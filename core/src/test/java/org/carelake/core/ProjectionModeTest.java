package org.carelake.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class ProjectionModeTest {
  private static final long LARGE = ProjectionMode.GENERATED_FROM_BYTES;
  private static final long SMALL = ProjectionMode.GENERATED_FROM_BYTES - 1;

  @Test
  void aSmallLakehouseInterpretsProjectionsAndALargeIngestGeneratesThemForItsScope() {
    SparkSession spark = SharedSpark.session();
    spark.conf().set(ProjectionMode.KEY, ProjectionMode.GENERATED); // as a large lakehouse opened before left it
    Lakehouse lh = SharedSpark.freshLakehouse("projection-mode");
    assertEquals(0L, lh.bronzeBytes());
    assertEquals(ProjectionMode.INTERPRETED, spark.conf().get(ProjectionMode.KEY)); // opening chose by size
    lh.append(TableName.of(Layer.BRONZE, "thing"), spark.range(10).toDF("n"));
    long bytes = lh.bronzeBytes();
    assertTrue(bytes > 0 && bytes < ProjectionMode.GENERATED_FROM_BYTES, "bronze bytes " + bytes);

    try (ProjectionMode.Scope small = ProjectionMode.generatedFor(spark, SMALL)) {
      assertEquals(ProjectionMode.INTERPRETED, spark.conf().get(ProjectionMode.KEY));
    }
    try (ProjectionMode.Scope large = ProjectionMode.generatedFor(spark, LARGE)) {
      assertEquals(ProjectionMode.GENERATED, spark.conf().get(ProjectionMode.KEY));
      // Spark accepts the value: a query with a projection runs under it.
      assertEquals(6L, spark.range(4).selectExpr("id * 2 AS v").agg(org.apache.spark.sql.functions.max("v"))
          .first().getLong(0));
    }
    assertEquals(ProjectionMode.INTERPRETED, spark.conf().get(ProjectionMode.KEY));
  }

  @Test
  void theModeFollowsTheLakehousesSizeUnlessTheOperatorChoseOne() {
    SparkSession spark = SharedSpark.session();
    try {
      ProjectionMode.chooseFor(spark, LARGE);
      assertEquals(ProjectionMode.GENERATED, spark.conf().get(ProjectionMode.KEY));
      ProjectionMode.chooseFor(spark, SMALL);
      assertEquals(ProjectionMode.INTERPRETED, spark.conf().get(ProjectionMode.KEY));

      spark.conf().set(ProjectionMode.AUTO, "false"); // as when spark-submit --conf set the mode
      ProjectionMode.chooseFor(spark, LARGE);
      assertEquals(ProjectionMode.INTERPRETED, spark.conf().get(ProjectionMode.KEY));
      try (ProjectionMode.Scope large = ProjectionMode.generatedFor(spark, LARGE)) {
        assertEquals(ProjectionMode.INTERPRETED, spark.conf().get(ProjectionMode.KEY));
      }
    } finally {
      spark.conf().set(ProjectionMode.AUTO, "true");
      ProjectionMode.chooseFor(spark, 0);
    }
  }
}
