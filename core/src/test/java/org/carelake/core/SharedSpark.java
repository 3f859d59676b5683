package org.carelake.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of a test JVM (Spark start-up costs seconds; every test class shares it). Each test gets
 * its own lakehouse directory via {@link #freshLakehouse(String)}.
 */
public final class SharedSpark {
  private static SparkSession spark;

  private SharedSpark() {}

  public static synchronized SparkSession session() {
    if (spark == null) {
      CarelakeConfig config = CarelakeConfig.builder().master("local[2]").shufflePartitions(2)
          .lakehouse(tempRoot().resolve("unused").toString())
          .spark("spark.carelake.deid.allowDemoSecret", "true").build(); // tests run on synthetic data only
      spark = SparkSessions.create(config, "carelake-tests");
      Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
    }
    return spark;
  }

  /** A new, empty lakehouse on the shared session. */
  public static Lakehouse freshLakehouse(String name) {
    try {
      Path dir = Files.createTempDirectory(tempRoot(), name + "-");
      CarelakeConfig config = CarelakeConfig.builder().lakehouse(dir.toString()).build();
      return Lakehouse.open(session(), config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path tempRoot() {
    try {
      Path root = Path.of(System.getProperty("java.io.tmpdir"), "carelake-tests");
      Files.createDirectories(root);
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
