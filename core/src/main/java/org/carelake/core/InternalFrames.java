package org.carelake.core;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * DataFrames from rows already in Spark's internal form. Bulk ingestion builds its rows from raw UTF-8 bytes: going
 * through {@code Row} would decode every resource to a Java string and encode it back, two copies of every byte.
 */
public final class InternalFrames {
  private InternalFrames() {}

  public static Dataset<Row> of(SparkSession spark, JavaRDD<InternalRow> rows, StructType schema) {
    return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows.rdd(), schema, false);
  }
}
