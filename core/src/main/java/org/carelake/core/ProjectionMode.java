package org.carelake.core;

import org.apache.spark.sql.SparkSession;

/**
 * How Spark builds the per-task projections of a query (the row conversions around scans, Dataset encoders and
 * Delta's log replay): generated Java or interpreted expressions.
 *
 * <p>A pipeline writes dozens of tables, each write runs about eight short Spark jobs, and generating, formatting and
 * looking up Java source for every task of those was a quarter of the CPU of a silver build on a small lakehouse
 * (BENCHMARKS.md, "Where a table's fixed cost goes"). On a large one the generated code pays for itself over the rows
 * (a 356-patient silver build took 330 s interpreted against 226 s generated). So the mode follows the data: opening
 * a lakehouse chooses by the size of its bronze layer ({@link #chooseFor}), and an ingest switches generated code on
 * for the bronze write of a large batch ({@link #generatedFor}). Whole-stage code generation is never affected. An
 * operator who sets {@link #KEY} (spark-submit --conf, -D) keeps that mode throughout.
 */
public final class ProjectionMode {
  /** Spark's (internal, runtime-settable) switch. */
  public static final String KEY = "spark.sql.codegen.factoryMode";
  public static final String INTERPRETED = "NO_CODEGEN";
  /** Spark's default: generated code, interpreted when compiling fails. */
  public static final String GENERATED = "FALLBACK";
  /** Set by {@link SparkSessions} when it chose the mode (nobody else did): only then may Carelake change it. */
  public static final String AUTO = "spark.carelake.projectionMode.auto";
  /** Data size from which generated projections pay off (a 1.2 GB ingest ran 17% faster with them). */
  public static final long GENERATED_FROM_BYTES = 64L << 20;

  private ProjectionMode() {}

  /** A scope that restores the session's previous mode when closed. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Generated projections until the scope closes when {@code inputBytes} reaches {@link #GENERATED_FROM_BYTES};
   * otherwise the session's mode is left alone.
   */
  public static Scope generatedFor(SparkSession spark, long inputBytes) {
    if (inputBytes < GENERATED_FROM_BYTES || !automatic(spark)) {
      return () -> { };
    }
    String before = spark.conf().get(KEY, GENERATED);
    spark.conf().set(KEY, GENERATED);
    return () -> spark.conf().set(KEY, before);
  }

  /** The session's mode for a lakehouse whose bronze layer holds {@code bronzeBytes}. */
  public static void chooseFor(SparkSession spark, long bronzeBytes) {
    if (automatic(spark)) {
      spark.conf().set(KEY, bronzeBytes >= GENERATED_FROM_BYTES ? GENERATED : INTERPRETED);
    }
  }

  private static boolean automatic(SparkSession spark) {
    return "true".equals(spark.conf().get(AUTO, "false"));
  }
}
