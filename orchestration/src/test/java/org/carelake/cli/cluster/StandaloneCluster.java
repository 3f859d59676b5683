package org.carelake.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A real Spark standalone cluster on loopback: one Master and one Worker (1 core, 1 GB), each its own JVM started from
 * the Spark jars. The Worker launches executors from {@code $SPARK_HOME/jars}, so the cluster gets a SPARK_HOME of its
 * own whose {@code jars/} links to the Spark jars only: application classes reach executors the way they would on a
 * real cluster, shipped by the driver.
 */
public final class StandaloneCluster implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path sparkHome;
  private final Path workDir;
  private final int masterPort;
  private final int masterUiPort;
  private ChildJvm master;
  private ChildJvm worker;

  private StandaloneCluster(Path sparkHome, Path workDir) {
    this.sparkHome = sparkHome;
    this.workDir = workDir;
    this.masterPort = freePort();
    this.masterUiPort = freePort();
  }

  /** Starts master and worker under {@code dir} and waits until the worker has registered. */
  public static StandaloneCluster start(Path dir, List<Path> sparkJars, Duration timeout) throws Exception {
    Path home = Files.createDirectories(dir.resolve("spark-home"));
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (Path jar : sparkJars) {
      Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
    }
    StandaloneCluster c = new StandaloneCluster(home, Files.createDirectories(dir.resolve("worker")));
    try {
      c.master = ChildJvm.start("spark master", dir.resolve("master.log"), c.daemonFlags(), c.classpath(),
          "org.apache.spark.deploy.master.Master", List.of("--host", "127.0.0.1", "--port",
              String.valueOf(c.masterPort), "--webui-port", String.valueOf(c.masterUiPort)), c.env());
      c.awaitState(s -> "ALIVE".equals(s.path("status").asText()), timeout, "master alive");
      c.worker = ChildJvm.start("spark worker", dir.resolve("worker.log"), c.daemonFlags(), c.classpath(),
          "org.apache.spark.deploy.worker.Worker", List.of("--host", "127.0.0.1", "--webui-port",
              String.valueOf(freePort()), "--cores", "1", "--memory", "1g", "--work-dir", c.workDir.toString(),
              c.masterUrl()), c.env());
      c.awaitState(s -> s.path("aliveworkers").asInt() == 1, timeout, "worker registered");
      return c;
    } catch (Exception | AssertionError e) {
      c.close();
      throw e;
    }
  }

  public String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  public Path sparkHome() {
    return sparkHome;
  }

  /** Where the worker keeps each application's executor logs ({@code <app-id>/<executor-id>/stderr}). */
  public Path workDir() {
    return workDir;
  }

  /** {@code java -cp "$SPARK_HOME/jars/*"}, as Spark's own scripts start its JVMs. */
  public String classpath() {
    return sparkHome.resolve("jars") + "/*";
  }

  /**
   * The environment of every JVM of the cluster, the driver's included: loopback only, this SPARK_HOME, and the Scala
   * version Spark's own scripts (load-spark-env.sh) export, without which the worker's executor command builder looks
   * for a Spark source build.
   */
  public Map<String, String> env() {
    return Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_LOCAL_IP", "127.0.0.1", "SPARK_SCALA_VERSION", "2.13",
        "JAVA_HOME", System.getProperty("java.home"));
  }

  /** The master's state as its web UI serves it ({@code /json/}: workers, active and completed applications). */
  public JsonNode state() throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
        .timeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("master UI answered " + r.statusCode());
    }
    return JSON.readTree(r.body());
  }

  public String logs() {
    return "--- master ---\n" + (master == null ? "" : master.output()) + "\n--- worker ---\n"
        + (worker == null ? "" : worker.output());
  }

  private void awaitState(Predicate<JsonNode> ready, Duration timeout, String what) throws InterruptedException {
    Instant end = Instant.now().plus(timeout);
    while (Instant.now().isBefore(end)) {
      if ((master != null && !master.isAlive()) || (worker != null && !worker.isAlive())) {
        throw new AssertionError("a cluster JVM exited before " + what + ":\n" + logs());
      }
      try {
        if (ready.test(state())) {
          return;
        }
      } catch (IOException e) {
        // the UI is not up yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no " + what + " within " + timeout + ":\n" + logs());
  }

  private List<String> daemonFlags() {
    List<String> flags = new java.util.ArrayList<>(List.of("-Xmx256m"));
    flags.addAll(ChildJvm.quickJvmFlags());
    return flags;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    // The worker first: it takes its executors down with it.
    if (worker != null) {
      worker.close();
    }
    if (master != null) {
      master.close();
    }
  }
}
