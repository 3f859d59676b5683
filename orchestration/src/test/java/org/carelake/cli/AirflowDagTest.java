package org.carelake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * orchestration/airflow/carelake_dag.py. Airflow cannot be installed on the build machines, so the DAG file is
 * compiled with python3 and then loaded against stub `airflow` packages laid out like Airflow 2.x and 3.x
 * (src/test/resources/airflow/stub_harness.py), which record its tasks and dependencies and render its commands.
 */
class AirflowDagTest {
  private static final Path DAG = Path.of("airflow", "carelake_dag.py");
  private static final Path HARNESS = Path.of("src", "test", "resources", "airflow", "stub_harness.py");
  private static final List<String> TASKS = List.of("landing", "terminology", "silver", "identity", "gold", "measures",
      "risk", "cohorts", "deid", "quality", "publish");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = "{\"data_interval_start\": \"2026-11-26T00:00:00+00:00\", "
      + "\"data_interval_end\": \"2026-11-27T00:00:00+00:00\"}";

  @TempDir
  Path tmp;

  private record Result(int code, String out, String err) {}

  @BeforeAll
  static void needsPython3() {
    boolean present;
    try {
      present = run(List.of("python3", "--version"), Map.of(), null).code() == 0;
    } catch (IOException e) {
      present = false;
    }
    Assumptions.assumeTrue(present, "python3 is not installed: the Airflow DAG (orchestration/airflow/"
        + "carelake_dag.py) was neither compiled nor loaded against the Airflow stubs");
  }

  private static Result run(List<String> command, Map<String, String> env, Path dir) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    Path out = Files.createTempFile("airflow-dag-test", ".out");
    Path err = Files.createTempFile("airflow-dag-test", ".err");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + command);
      }
      return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The DAG as the stub Airflow of that major version sees it, for one run. */
  private JsonNode load(String airflow, String variables, String run) throws IOException {
    Result r = harness(airflow, variables, run);
    assertEquals(0, r.code(), "the DAG did not load on the Airflow " + airflow + " stubs:\n" + r.err());
    return JSON.readTree(r.out());
  }

  private Result harness(String airflow, String variables, String run) throws IOException {
    Path stubs = Files.createTempDirectory(tmp, "airflow" + airflow);
    return run(List.of("python3", "-B", HARNESS.toAbsolutePath().toString(), airflow, stubs.toString(),
        DAG.toAbsolutePath().toString()), Map.of("STUB_VARIABLES", variables, "STUB_RUN", run), null);
  }

  private static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static List<String> taskIds(JsonNode dag) {
    return StreamSupport.stream(dag.path("tasks").spliterator(), false).map(t -> t.path("task_id").asText()).toList();
  }

  private static JsonNode task(JsonNode dag, String id) {
    for (JsonNode t : dag.path("tasks")) {
      if (t.path("task_id").asText().equals(id)) {
        return t;
      }
    }
    throw new AssertionError("no task " + id + " in " + taskIds(dag));
  }

  /** Each task depends on the one before it, and on nothing else. */
  private static void assertChain(List<String> ids, JsonNode dag) {
    List<List<String>> expected = new ArrayList<>();
    for (int i = 1; i < ids.size(); i++) {
      expected.add(List.of(ids.get(i - 1), ids.get(i)));
    }
    List<List<String>> edges = StreamSupport.stream(dag.path("edges").spliterator(), false).map(AirflowDagTest::strings)
        .toList();
    assertEquals(expected, edges);
  }

  @Test
  void compilesWithPython3() throws Exception {
    // A copy, so that py_compile leaves no __pycache__ in the source tree.
    Path copy = Files.copy(DAG, tmp.resolve("carelake_dag.py"));
    Result ok = run(List.of("python3", "-m", "py_compile", copy.toString()), Map.of(), tmp);
    assertEquals(0, ok.code(), ok.err());
    Path broken = Files.writeString(tmp.resolve("broken_dag.py"), Files.readString(DAG).replace("def _setting(",
        "def _setting(("));
    assertNotEquals(0, run(List.of("python3", "-m", "py_compile", broken.toString()), Map.of(), tmp).code(),
        "py_compile must catch a syntax error, or the check above proves nothing");
  }

  @Test
  void onAirflow3ItIsOneSparkSubmitPerPipelineTaskInOrder() throws Exception {
    JsonNode dag = load("3", "{}", RUN);
    List<String> imported = strings(dag.path("imported"));
    assertTrue(imported.contains("airflow.providers.standard.operators.bash") && imported.contains("airflow.sdk"),
        imported.toString());
    assertFalse(imported.contains("airflow.operators.bash"), imported.toString());
    assertEquals("Dag3", dag.path("dag_class").asText());
    assertEquals("carelake", dag.path("dag_id").asText());
    JsonNode kwargs = dag.path("kwargs");
    assertEquals("@daily", kwargs.path("schedule").asText());
    assertFalse(kwargs.has("schedule_interval"));
    assertEquals(1, kwargs.path("max_active_runs").asInt(), "one writer at a time");
    assertFalse(kwargs.path("catchup").asBoolean(true));
    JsonNode retry = kwargs.path("default_args");
    assertEquals(3, retry.path("retries").asInt());
    assertTrue(retry.path("retry_exponential_backoff").asBoolean());
    assertEquals(120.0, retry.path("retry_delay").asDouble());
    assertEquals(1800.0, retry.path("max_retry_delay").asDouble());
    String doc = kwargs.path("doc_md").asText();
    assertTrue(doc.contains("spark-submit") && doc.contains("carelake_jar") && doc.contains("carelake airflow trigger"),
        doc);

    assertEquals(TASKS, taskIds(dag));
    assertChain(TASKS, dag);
    for (String t : TASKS) {
      JsonNode task = task(dag, t);
      assertTrue(task.path("bash_command").asText().contains(" run --only " + t + " "), task.toString());
      assertEquals(List.of("spark-submit", "--class", "org.carelake.cli.Carelake", "/opt/carelake/carelake-cluster.jar",
          "run", "--only", t, "--period", "2026-01-01/2026-12-31"), strings(task.path("argv")), task.toString());
    }
  }

  @Test
  void theDagsTasksAreTheCommandLinesTasksInTheSameOrder() throws Exception {
    List<String> dagTasks = taskIds(load("3", "{}", "{}"));
    List<String> cli = RunCommand.TASKS;
    int last = -1;
    for (String t : cli) {
      int at = dagTasks.indexOf(t);
      assertTrue(at > last, "carelake run task '" + t + "' is missing from the DAG or out of order: " + dagTasks);
      last = at;
    }
  }

  @Test
  void onAirflow2ItTakesVariablesParamsAndIngestsEachDropDirectoryFirst() throws Exception {
    String variables = JSON.writeValueAsString(Map.of(
        "carelake_ndjson_dirs", "{\"ehr\": \"/drop/ehr dir\", \"claims.x\": \"s3a://drop/claims\"}",
        "carelake_jar", "/jars/c.jar",
        "carelake_lakehouse", "s3a://b/lake",
        "carelake_master", "spark://h:7077",
        "carelake_spark_conf", "{\"spark.driver.memory\": \"4g\"}",
        "carelake_schedule", "0 3 * * *"));
    String run = "{\"conf\": {\"period\": \"2025-01-01/2025-12-31\", \"spark_conf\": {\"spark.executor.memory\": "
        + "\"2g\"}}, \"data_interval_start\": \"2026-11-26T00:00:00+00:00\", "
        + "\"data_interval_end\": \"2026-11-27T00:00:00+00:00\"}";
    JsonNode dag = load("2", variables, run);
    List<String> imported = strings(dag.path("imported"));
    assertTrue(imported.contains("airflow.operators.bash") && imported.contains("airflow.models.param"),
        imported.toString());
    assertFalse(imported.contains("airflow.sdk"), imported.toString());
    assertEquals("0 3 * * *", dag.path("kwargs").path("schedule_interval").asText(), "Airflow before 2.4");
    assertFalse(dag.path("kwargs").has("schedule"));

    List<String> ids = new ArrayList<>(List.of("ingest_fhir_claims_x", "ingest_fhir_ehr"));
    ids.addAll(TASKS);
    assertEquals(ids, taskIds(dag));
    assertChain(ids, dag);
    List<String> submit = List.of("spark-submit", "--master", "spark://h:7077", "--class", "org.carelake.cli.Carelake",
        "--conf", "spark.driver.memory=4g", "--conf", "spark.executor.memory=2g", "/jars/c.jar",
        "--lakehouse", "s3a://b/lake");
    List<String> silver = new ArrayList<>(submit);
    silver.addAll(List.of("run", "--only", "silver", "--period", "2025-01-01/2025-12-31"));
    assertEquals(silver, strings(task(dag, "silver").path("argv")));
    List<String> ehr = new ArrayList<>(submit);
    ehr.addAll(List.of("ingest", "fhir", "/drop/ehr dir", "--source", "ehr"));
    assertEquals(ehr, strings(task(dag, "ingest_fhir_ehr").path("argv")));
  }

  @Test
  void thePeriodComesFromTheDataIntervalOrAParamAndTasksCanBeNarrowed() throws Exception {
    String monthly = "{\"conf\": {\"period_from\": \"data_interval\"}, \"data_interval_start\": "
        + "\"2026-03-01T00:00:00+00:00\", \"data_interval_end\": \"2026-04-01T00:00:00+00:00\"}";
    JsonNode dag = load("2", "{\"carelake_tasks\": \"gold, landing,silver\"}", monthly);
    assertEquals(List.of("landing", "silver", "gold"), taskIds(dag), "dependency order, whatever order was written");
    assertChain(List.of("landing", "silver", "gold"), dag);
    assertTrue(task(dag, "gold").path("rendered").asText().endsWith("run --only gold --period 2026-03-01/2026-03-31"),
        task(dag, "gold").toString());

    JsonNode noInterval = load("3", "{}", "{}");
    assertEquals(List.of("spark-submit", "--class", "org.carelake.cli.Carelake", "/opt/carelake/carelake-cluster.jar",
        "run", "--only", "risk"), strings(task(noInterval, "risk").path("argv")), "no interval: Carelake's default");

    JsonNode bad = load("3", "{}", "{\"conf\": {\"period\": \"2025-01-01/next-year; rm -rf /\"}}");
    assertTrue(task(bad, "gold").path("render_error").asText().contains("period must be START/END"),
        task(bad, "gold").toString());

    Result unknown = harness("3", "{\"carelake_tasks\": \"silver,deploy\"}", "{}");
    assertNotEquals(0, unknown.code());
    assertTrue(unknown.err().contains("carelake_tasks: unknown task(s) ['deploy']"), unknown.err());
  }

  @Test
  void anIngestTaskToleratesQuarantineButNotFailure() throws Exception {
    Path argsFile = tmp.resolve("args.txt");
    Path fake = Files.writeString(tmp.resolve("fake-spark-submit"),
        "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > \"$FAKE_ARGS\"\nexit \"$FAKE_RC\"\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    String variables = JSON.writeValueAsString(Map.of("carelake_ndjson_dirs", "{\"ehr\": \"/drop/it's here\"}"));
    String run = JSON.writeValueAsString(Map.of("conf", Map.of("spark_submit", fake.toString())));
    String command = task(load("3", variables, run), "ingest_fhir_ehr").path("rendered").asText();

    Result quarantined = run(List.of("bash", "-c", command), Map.of("FAKE_RC", "3", "FAKE_ARGS", argsFile.toString()),
        tmp);
    assertEquals(0, quarantined.code(), quarantined.err());
    assertTrue(quarantined.out().contains("some input was quarantined"), quarantined.out());
    assertEquals(List.of("--class", "org.carelake.cli.Carelake", "/opt/carelake/carelake-cluster.jar", "ingest", "fhir",
        "/drop/it's here", "--source", "ehr"), Files.readAllLines(argsFile), "arguments survive the shell intact");

    Result failed = run(List.of("bash", "-c", command), Map.of("FAKE_RC", "1", "FAKE_ARGS", argsFile.toString()), tmp);
    assertEquals(1, failed.code());
  }
}
