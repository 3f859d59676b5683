package org.carelake.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class ProjectionModeTest {
  @Test
  void sessionsInterpretProjectionsAndLargeBatchesGenerateThemForTheirScope() {
    SparkSession spark = SharedSpark.session();
    assertEquals(ProjectionMode.INTERPRETED, spark.conf().get(ProjectionMode.KEY));

    try (ProjectionMode.Scope small = ProjectionMode.generatedFor(spark, ProjectionMode.GENERATED_FROM_BYTES - 1)) {
      assertEquals(ProjectionMode.INTERPRETED, spark.conf().get(ProjectionMode.KEY));
    }
    try (ProjectionMode.Scope large = ProjectionMode.generatedFor(spark, ProjectionMode.GENERATED_FROM_BYTES)) {
      assertEquals(ProjectionMode.GENERATED, spark.conf().get(ProjectionMode.KEY));
      // Spark accepts the value: a query with a projection runs under it.
      assertEquals(6L, spark.range(4).selectExpr("id * 2 AS v").agg(org.apache.spark.sql.functions.max("v"))
          .first().getLong(0));
    }
    assertEquals(ProjectionMode.INTERPRETED, spark.conf().get(ProjectionMode.KEY));
  }
}
