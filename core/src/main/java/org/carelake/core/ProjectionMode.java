package org.carelake.core;

import org.apache.spark.sql.SparkSession;

/**
 * How Spark builds the per-task projections of a query (the row conversions around scans, Dataset encoders and
 * Delta's log replay): generated Java or interpreted expressions.
 *
 * <p>Carelake defaults to interpreted ({@link SparkSessions}): a pipeline writes dozens of small tables, each write
 * runs about eight short Spark jobs, and generating, formatting and looking up Java source for every task of those was
 * a quarter of the CPU of a silver build (BENCHMARKS.md, "Where a table's fixed cost goes"). Whole-stage code
 * generation of the heavy operators is not affected. Bulk ingest of a large batch is the exception, where the
 * generated code pays for itself over millions of rows: {@link #generatedFor} switches it on for that scope.
 */
public final class ProjectionMode {
  /** Spark's (internal, runtime-settable) switch. */
  public static final String KEY = "spark.sql.codegen.factoryMode";
  public static final String INTERPRETED = "NO_CODEGEN";
  /** Spark's default: generated code, interpreted when compiling fails. */
  public static final String GENERATED = "FALLBACK";
  /** Input size from which ingest uses generated projections (measured: 1.2 GB ingests 17% faster with them). */
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
    if (inputBytes < GENERATED_FROM_BYTES) {
      return () -> { };
    }
    String before = spark.conf().get(KEY, GENERATED);
    spark.conf().set(KEY, GENERATED);
    return () -> spark.conf().set(KEY, before);
  }
}
