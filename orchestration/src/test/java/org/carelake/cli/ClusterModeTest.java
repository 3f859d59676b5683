package org.carelake.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.carelake.cli.cluster.ApplicationJar;
import org.carelake.cli.cluster.ChildJvm;
import org.carelake.cli.cluster.SparkProvidedSplit;
import org.carelake.cli.cluster.StandaloneCluster;
import org.carelake.core.CarelakeConfig;
import org.carelake.core.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode: the application jar under spark-submit on a real Spark standalone cluster (master, worker and
 * executor JVMs on loopback, sharing the filesystem as a cluster shares HDFS or S3) builds the same gold tables from
 * the same input as local mode. Input: the three-patient Synthea fixture plus the HL7 feeds synthesized from it (the
 * demo's inputs at test size; the demo's own Synthea population is too large for a test).
 */
class ClusterModeTest {
  static final Path FIXTURE = Path.of("..", "ingestion", "src", "test", "resources", "fixtures", "synthea-3");
  /** Gold columns that record when a run happened (gold.measure_run, gold.identity_history), not what it computed. */
  static final Set<String> RUN_COLUMNS = Set.of("evaluated_at", "recorded_at");

  /** Logs and both lakehouses, under target/ and kept when the test fails. */
  static Path tmp;

  @Test
  void theApplicationJarOnAStandaloneClusterBuildsTheSameGoldTablesAsLocalMode() throws Exception {
    // Minutes of CPU on a small machine (docs/cluster.md): -Dcarelake.skipClusterTest=true leaves it out.
    assumeFalse(Boolean.getBoolean("carelake.skipClusterTest"), "-Dcarelake.skipClusterTest=true");
    tmp = Files.createTempDirectory(Files.createDirectories(Path.of("target", "cluster-mode-test")), "run-")
        .toAbsolutePath();
    compareBothModes();
    deleteRecursively(tmp); // kept for a look when anything above failed
  }

  private static void compareBothModes() throws Exception {
    Path tree = Path.of("target", "dependency-tree.txt");
    assumeTrue(Files.isRegularFile(tree), "needs target/dependency-tree.txt, written by Maven before the tests");
    SparkProvidedSplit split = SparkProvidedSplit.of(tree, System.getProperty("java.class.path"));

    Path feeds = tmp.resolve("feeds");
    CliRun synth = CliRun.of("synth", "hl7", "--from", FIXTURE.toString(), "--out", feeds.toString(), "--seed", "7",
        "--mllp");
    assertEquals(Carelake.OK, synth.code(), synth.err());
    Path clusterLake = lakehouseWithLandedFeeds("cluster-lake", feeds);
    Path localLake = lakehouseWithLandedFeeds("local-lake", feeds);

    long t0 = System.nanoTime();
    List<String> timings = new ArrayList<>();
    try (StandaloneCluster cluster = StandaloneCluster.start(tmp.resolve("cluster"), split.sparkJars(),
        Duration.ofMinutes(1))) {
      // Local mode runs in this JVM while the cluster's drivers run: the two lakehouses share nothing, and neither
      // mode keeps both cores busy with test-sized data, so together they take little more than the longer one.
      ExecutorService localMode = Executors.newSingleThreadExecutor();
      try {
        Future<List<String>> local = localMode.submit(() -> runLocalMode(localLake));
        Throwable clusterFailure = null;
        try {
          List<String> submit = submitArguments(cluster, split);
          for (List<String> step : steps()) {
            timings.add(runDriver(cluster, submit, clusterLake, step));
          }
          timings.add(String.format("cluster mode %.0f s", (System.nanoTime() - t0) / 1e9));
        } catch (Exception | AssertionError e) {
          clusterFailure = e;
        }
        // Also when the cluster failed: the shared session must be idle before the next test class uses it.
        try {
          timings.addAll(local.get(30, TimeUnit.MINUTES));
        } catch (ExecutionException e) {
          if (clusterFailure == null && e.getCause() instanceof AssertionError a) {
            throw a;
          } else if (clusterFailure == null) {
            throw e;
          }
          clusterFailure.addSuppressed(e.getCause());
        }
        timings.add(String.format("both modes %.0f s", (System.nanoTime() - t0) / 1e9));
        timings.forEach(System.out::println);
        if (clusterFailure instanceof AssertionError a) {
          throw a;
        } else if (clusterFailure != null) {
          throw (Exception) clusterFailure;
        }
      } finally {
        localMode.shutdownNow();
      }
      assertTheWorkRanOnTheCluster(cluster);
    }
    assertTrue(Files.isDirectory(clusterLake.resolve("_ops/checkpoints")),
        "on a cluster, lineage cuts (identity's connected components) are reliable checkpoints in the lakehouse");
    assertFalse(Files.exists(localLake.resolve("_ops/checkpoints")), "local mode checkpoints in memory");
    assertSameGoldTables(localLake, clusterLake);
  }

  /**
   * The steps in this JVM on the shared local session, as in-process runs of the command line; returns their
   * timings. Runs on its own thread, while its standard output is captured by those runs, so it prints nothing.
   */
  private static List<String> runLocalMode(Path localLake) {
    SparkSession.setActiveSession(SharedSpark.session()); // the commands take the active session of their thread
    List<String> timings = new ArrayList<>();
    long t1 = System.nanoTime();
    for (List<String> step : steps()) {
      List<String> args = new ArrayList<>(List.of("--lakehouse", CarelakeConfig.toUri(localLake.toString())));
      args.addAll(step);
      long t = System.nanoTime();
      CliRun r = CliRun.of(args.toArray(String[]::new));
      timings.add(String.format("local: %s took %.0f s", step, (System.nanoTime() - t) / 1e9));
      assertTrue(r.code() == Carelake.OK || r.code() == Carelake.QUARANTINED, step + ":\n" + r.out() + r.err());
    }
    timings.add(String.format("local mode %.0f s", (System.nanoTime() - t1) / 1e9));
    return timings;
  }

  /**
   * The demo's steps after generating input: FHIR bulk data, then the pipeline, whose first task ingests the landed
   * HL7 feeds, up to the gold models and identity (the marts after them are more Spark SQL of the same kind and would
   * double the test's minutes). The demo also loads the lab's code map; one more driver would cost a minute here.
   */
  private static List<List<String>> steps() {
    return List.of(
        List.of("ingest", "fhir", FIXTURE.toAbsolutePath().normalize().toString(), "--source", "synthea"),
        List.of("run", "--to", "gold"));
  }

  /** A lakehouse whose landing folders hold the HL7 feeds as sealed MLLP files, as the listener leaves them. */
  private static Path lakehouseWithLandedFeeds(String name, Path feeds) throws IOException {
    Path lake = tmp.resolve(name);
    for (String feed : List.of("lab", "adt", "pharmacy", "registry")) {
      Path dir = Files.createDirectories(lake.resolve("landing/hl7").resolve(feed));
      // The file name carries the receive time: the same name in both lakehouses, the same received_at.
      Files.copy(feeds.resolve(feed).resolve(feed + ".mllp"), dir.resolve("20260101T000000000Z-" + feed + ".mllp"));
    }
    return lake;
  }

  /**
   * What spark-submit adds before the application's own arguments. With {@code -Dcarelake.clusterJar=...} (the
   * output of {@code mvn -Pcluster package}) that jar runs alone; otherwise Carelake's classes as one jar plus the
   * jars the shaded jar would bundle, shipped with {@code --jars}.
   */
  private static List<String> submitArguments(StandaloneCluster cluster, SparkProvidedSplit split) throws IOException {
    List<String> args = new ArrayList<>(List.of("--master", cluster.masterUrl(), "--deploy-mode", "client",
        "--executor-memory", "1g", "--total-executor-cores", "1",
        "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", ChildJvm.quickJvmFlags()),
        "--class", Carelake.class.getName()));
    String shaded = System.getProperty("carelake.clusterJar", "");
    if (!shaded.isBlank()) {
      args.add(Path.of(shaded).toAbsolutePath().toString());
      return args;
    }
    Path appJar = ApplicationJar.write(tmp.resolve("carelake-app.jar"), split.carelakeClassDirs(),
        Carelake.class.getName());
    int jarPos = args.size() - 2;
    args.addAll(jarPos, List.of("--jars",
        split.applicationJars().stream().map(Path::toString).collect(Collectors.joining(","))));
    args.add(appJar.toString());
    return args;
  }

  /** One driver JVM, started as bin/spark-submit starts it: Spark's jars on the classpath, SparkSubmit as main. */
  private static String runDriver(StandaloneCluster cluster, List<String> submit, Path lake, List<String> step)
      throws Exception {
    List<String> args = new ArrayList<>(submit);
    // A file: URI, as a real cluster would get hdfs: or s3a: (the loopback cluster shares this filesystem).
    args.addAll(List.of("--lakehouse", CarelakeConfig.toUri(lake.toString())));
    args.addAll(step);
    // The driver plans every query (the silver views are large plans): it keeps C2, for the hot code as the launcher
    // does.
    List<String> flags = new ArrayList<>(List.of("-Xmx1g"));
    flags.addAll(ChildJvm.launcherJvmFlags());
    Path log = tmp.resolve("driver-" + step.get(0) + ".log");
    // As many shuffle partitions as the shared local test session uses.
    Map<String, String> env = new HashMap<>(cluster.env());
    env.put("CARELAKE_SHUFFLE_PARTITIONS", "2");
    long t0 = System.nanoTime();
    try (ChildJvm driver = ChildJvm.start("driver " + step, log, flags, cluster.classpath(),
        "org.apache.spark.deploy.SparkSubmit", args, env)) {
      int code = driver.waitFor(Duration.ofMinutes(15));
      assertTrue(code == Carelake.OK || code == Carelake.QUARANTINED,
          "spark-submit " + step + " exited with " + code + ":\n" + driver.output() + "\n" + cluster.logs());
      return String.format("cluster: %s took %.0f s", step, (System.nanoTime() - t0) / 1e9);
    }
  }

  /** The master lists every driver as a finished application, and the executor's log shows it running tasks. */
  private static void assertTheWorkRanOnTheCluster(StandaloneCluster cluster) throws Exception {
    JsonNode state = cluster.state();
    List<String> apps = new ArrayList<>();
    state.path("completedapps").forEach(a -> apps.add(a.path("name").asText() + ":" + a.path("state").asText()));
    assertEquals(List.of("carelake ingest fhir:FINISHED", "carelake run:FINISHED"),
        apps.stream().sorted(ClusterModeTest::byStep).toList(), state.toString());
    // The worker keeps <app-id>/<executor-id>/stderr per executor it launched.
    long appsWithTasks;
    try (Stream<Path> logs = Files.walk(cluster.workDir())) {
      appsWithTasks = logs.filter(p -> p.getFileName().toString().equals("stderr")).filter(p -> {
        try {
          return Files.readString(p).contains("Finished task");
        } catch (IOException e) {
          return false;
        }
      }).map(p -> p.getParent().getParent()).distinct().count();
    }
    assertEquals(apps.size(), appsWithTasks,
        "every application ran tasks on the worker's executor; logs under " + cluster.workDir());
  }

  private static int byStep(String a, String b) {
    List<String> order = List.of("carelake ingest", "carelake run");
    return Integer.compare(indexOf(order, a), indexOf(order, b));
  }

  private static int indexOf(List<String> prefixes, String s) {
    for (int i = 0; i < prefixes.size(); i++) {
      if (s.startsWith(prefixes.get(i))) {
        return i;
      }
    }
    return prefixes.size();
  }

  private static void assertSameGoldTables(Path expectedLake, Path actualLake) throws IOException {
    Set<String> expected = goldTables(expectedLake);
    assertFalse(expected.isEmpty(), "local mode built no gold tables");
    assertEquals(expected, goldTables(actualLake), "gold tables of local and cluster mode");
    SparkSession spark = SharedSpark.session();
    long rows = 0;
    List<String> differences = new ArrayList<>();
    for (String table : expected) {
      Dataset<Row> want = spark.read().format("delta").load(CarelakeConfig.toUri(expectedLake + "/gold/" + table));
      Dataset<Row> got = spark.read().format("delta").load(CarelakeConfig.toUri(actualLake + "/gold/" + table));
      List<String> columns = Stream.of(want.columns()).filter(c -> !RUN_COLUMNS.contains(c)).sorted().toList();
      if (!rowsAsJson(want, columns).equals(rowsAsJson(got, columns))) {
        // Name the columns that differ, every table at once: a rerun of this test costs minutes.
        List<String> differing = columns.stream()
            .filter(c -> !rowsAsJson(want, List.of(c)).equals(rowsAsJson(got, List.of(c)))).toList();
        differences.add("gold." + table + " (" + want.count() + " vs " + got.count() + " rows): columns " + differing);
      }
      rows += want.count();
    }
    assertEquals(List.of(), differences, "gold tables differ between local and cluster mode (kept under " + tmp + ")");
    assertTrue(rows > 0, "the gold tables are empty");
  }

  private static Set<String> goldTables(Path lake) throws IOException {
    try (Stream<Path> dirs = Files.list(lake.resolve("gold"))) {
      return dirs.filter(d -> Files.isDirectory(d.resolve("_delta_log"))).map(d -> d.getFileName().toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static List<String> rowsAsJson(Dataset<Row> df, List<String> columns) {
    Column[] cols = columns.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);
    return df.select(to_json(struct(cols))).as(Encoders.STRING()).collectAsList().stream().sorted().toList();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
