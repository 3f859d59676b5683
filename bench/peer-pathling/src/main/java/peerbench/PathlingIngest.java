package peerbench;

import au.csiro.pathling.library.PathlingContext;
import au.csiro.pathling.library.io.sink.WriteDetails;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The peer baseline of Carelake's ingest benchmark: Pathling 9.4.0 reads a FHIR bulk export (one NDJSON file per
 * resource type) and writes one Delta table per resource type, on the same Spark and Delta versions as Carelake.
 *
 * <pre>
 *   PathlingIngest ingest NDJSON_DIR OUT_DIR   timed: session start-up, then NDJSON -> Delta (overwrite)
 *   PathlingIngest count OUT_DIR               untimed check: rows per Delta table written by 'ingest'
 * </pre>
 *
 * <p>Output lines start with {@code pathling} so that the bench script can pick them out of Spark's logging:
 * {@code pathling session: S s}, {@code pathling ndjson->delta: S s, T table(s)}, and for {@code count} one
 * {@code pathling rows TYPE N} line per table and a {@code pathling rows total N} line.
 */
public final class PathlingIngest {
  private PathlingIngest() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 3 && args[0].equals("ingest")) {
      ingest(args[1], args[2]);
    } else if (args.length == 2 && args[0].equals("count")) {
      count(args[1]);
    } else {
      System.err.println("usage: PathlingIngest ingest NDJSON_DIR OUT_DIR | count OUT_DIR");
      System.exit(2);
    }
  }

  private static void ingest(String in, String out) {
    long t0 = System.nanoTime();
    SparkSession spark = session("pathling-ingest");
    PathlingContext pc = PathlingContext.create(spark);
    long t1 = System.nanoTime();
    WriteDetails written = pc.read().ndjson(in).write().saveMode("overwrite").delta(out);
    long t2 = System.nanoTime();
    System.out.printf(Locale.ROOT, "pathling version: Pathling 9.4.0, Spark %s, Java %s%n", spark.version(),
        System.getProperty("java.version"));
    System.out.printf(Locale.ROOT, "pathling session: %.2f s%n", (t1 - t0) / 1e9);
    System.out.printf(Locale.ROOT, "pathling ndjson->delta: %.2f s, %d table(s)%n", (t2 - t1) / 1e9,
        written.fileInfos().size());
    spark.stop();
  }

  /** Plain Delta reads (no Pathling encoders): one table per resource type, named {@code TYPE.parquet} by Pathling. */
  private static void count(String out) throws IOException {
    SparkSession spark = session("pathling-count");
    // Small tables, one snapshot each: the default 50-way log replay per table is pure overhead here.
    spark.conf().set("spark.sql.shuffle.partitions", "2");
    spark.conf().set("spark.databricks.delta.snapshotPartitions", "2");
    List<Path> tables;
    try (Stream<Path> s = Files.list(Path.of(out))) {
      tables = s.filter(d -> Files.isDirectory(d.resolve("_delta_log"))).sorted().toList();
    }
    long total = 0;
    for (Path t : tables) {
      String name = t.getFileName().toString();
      String type = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
      long n = spark.read().format("delta").load(t.toAbsolutePath().toString()).count();
      System.out.printf(Locale.ROOT, "pathling rows %s %d%n", type, n);
      total += n;
    }
    System.out.printf(Locale.ROOT, "pathling rows total %d%n", total);
    spark.stop();
  }

  /** Local Spark with Delta: every core of the machine, as Pathling's documentation sets it up. */
  static SparkSession session(String app) {
    SparkSession spark = SparkSession.builder().master("local[*]").appName(app)
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
