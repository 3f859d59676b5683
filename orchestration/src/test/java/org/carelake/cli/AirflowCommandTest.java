package org.carelake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carelake.orchestration.airflow.FakeAirflow;
import org.carelake.orchestration.airflow.FakeAirflow.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carelake airflow trigger|status|logs} against a local Airflow 2.x and 3.x REST API. */
class AirflowCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
      (FakeAirflow.USER + ":" + FakeAirflow.PASSWORD).getBytes(StandardCharsets.UTF_8));

  @TempDir
  Path tmp;

  private final Map<String, String> env = new HashMap<>();

  private CliRun airflow(String... args) {
    AirflowCommand.environment = env::get;
    String[] all = new String[args.length + 1];
    all[0] = "airflow";
    System.arraycopy(args, 0, all, 1, args.length);
    CliRun run = CliRun.of(all);
    for (String secret : List.of(FakeAirflow.PASSWORD, FakeAirflow.ISSUED_TOKEN, FakeAirflow.GIVEN_TOKEN,
        BASIC.substring(6))) {
      assertFalse(run.out().contains(secret) || run.err().contains(secret), "a secret was printed:\n" + run);
    }
    return run;
  }

  @AfterEach
  void restoreEnvironment() {
    AirflowCommand.environment = System::getenv;
  }

  private Path secretFile(String name, String secret) throws Exception {
    return Files.writeString(tmp.resolve(name), secret + "\n");
  }

  private static List<Request> apiRequests(FakeAirflow fake, String pathPart) {
    return fake.requests().stream().filter(r -> r.path().contains(pathPart)).toList();
  }

  private static String line(String out, String startsWith) {
    return out.lines().filter(l -> l.startsWith(startsWith)).findFirst().orElse("(no line '" + startsWith + "' in:\n"
        + out + ")");
  }

  @Test
  void v1WithBasicAuthTriggersThenShowsStatusAndLogs() throws Exception {
    try (FakeAirflow fake = new FakeAirflow(FakeAirflow.Version.AIRFLOW_2)) {
      env.put("CARELAKE_AIRFLOW_URL", fake.url());
      env.put("CARELAKE_AIRFLOW_USER", FakeAirflow.USER);
      env.put("CARELAKE_AIRFLOW_PASSWORD_FILE", secretFile("pw", FakeAirflow.PASSWORD).toString());

      CliRun trigger = airflow("--api", "v1", "trigger", "--period", "2025-01-01/2025-12-31",
          "--conf", "lakehouse=s3a://bucket/lake");
      assertEquals(Carelake.OK, trigger.code(), trigger.err());
      String runId = trigger.out().strip();
      assertTrue(runId.startsWith("manual__"), trigger.out());
      assertTrue(trigger.err().contains("follow it with: carelake airflow status " + runId), trigger.err());
      Request post = apiRequests(fake, "/dagRuns").get(0);
      assertEquals("POST", post.method());
      assertEquals("/api/v1/dags/carelake/dagRuns", post.path());
      assertEquals(BASIC, post.authorization());
      JsonNode body = JSON.readTree(post.body());
      assertEquals("2025-01-01/2025-12-31", body.path("conf").path("period").asText());
      assertEquals("s3a://bucket/lake", body.path("conf").path("lakehouse").asText());
      assertFalse(body.has("logical_date"), "v1 takes the logical date only when given: " + body);

      // Options also work after the subcommand (inherited), and the run id travels URL-encoded.
      CliRun status = airflow("status", runId, "--api", "v1");
      assertEquals(Carelake.FAILURE, status.code(), "a failed run exits with 1:\n" + status);
      assertTrue(status.out().startsWith("DAG carelake run " + runId + ": failed (API v1)"), status.out());
      assertEquals("landing      success              1  2026-11-27 06:00:01  2026-11-27 06:00:31     30.0s",
          line(status.out(), "landing "));
      assertEquals("terminology  success              1  2026-11-27 06:00:32  2026-11-27 06:02:37     2m05s",
          line(status.out(), "terminology "));
      assertEquals("silver       failed               2  2026-11-27 06:04:00  2026-11-27 06:05:09     1m09s",
          line(status.out(), "silver "));
      assertEquals("cohorts      upstream_failed      0  -                    -                           -",
          line(status.out(), "cohorts "));
      List<String> order = status.out().lines().skip(4).map(l -> l.split(" ")[0]).toList();
      assertEquals(List.of("landing", "terminology", "silver", "gold", "measures", "risk", "cohorts"), order,
          "all pages of task instances, in the order they ran, then the API's order");
      assertTrue(apiRequests(fake, "/taskInstances").stream().anyMatch(r -> r.query().contains("offset=6")),
          "pages past the server's limit are fetched");

      CliRun oneLog = airflow("--api", "v1", "logs", runId, "--task", "silver");
      assertEquals(Carelake.OK, oneLog.code(), oneLog.err());
      assertTrue(oneLog.out().contains("==> silver, try 2 (failed) <==\n[2026-11-27, 06:00:01 UTC] "
          + "{subprocess.py:93} INFO - carelake: silver: try 2 done\n"), oneLog.out());
      Request logRequest = apiRequests(fake, "/logs/").get(0);
      assertEquals("/api/v1/dags/carelake/dagRuns/" + runId + "/taskInstances/silver/logs/2", logRequest.path());
      assertEquals("text/plain", logRequest.accept());

      CliRun firstTry = airflow("--api", "v1", "logs", runId, "--task", "silver", "--try", "1");
      assertTrue(firstTry.out().contains("INFO - carelake: silver: try 1 done"), firstTry.out());

      CliRun allLogs = airflow("--api", "v1", "logs", runId);
      assertEquals(Carelake.OK, allLogs.code(), allLogs.err());
      assertTrue(allLogs.out().contains("==> landing, try 1 (success) <==")
          && allLogs.out().contains("INFO - carelake: terminology: try 1 done")
          && allLogs.out().contains("==> gold: not run yet (upstream_failed) <=="), allLogs.out());
      assertTrue(allLogs.out().indexOf("==> landing") < allLogs.out().indexOf("==> silver"), allLogs.out());
    }
  }

  @Test
  void v2ExchangesThePasswordForATokenAndDetectsTheApi() throws Exception {
    try (FakeAirflow fake = new FakeAirflow(FakeAirflow.Version.AIRFLOW_3)) {
      env.put("CARELAKE_AIRFLOW_USER", FakeAirflow.USER);
      env.put("CARELAKE_AIRFLOW_PASSWORD", FakeAirflow.PASSWORD);

      CliRun trigger = airflow("--url", fake.url() + "/", "trigger", "--period", "2026-01-01/2026-12-31");
      assertEquals(Carelake.OK, trigger.code(), trigger.err());
      String runId = trigger.out().strip();
      List<String> calls = fake.requests().stream().map(r -> r.method() + " " + r.path()).toList();
      assertEquals(List.of("GET /api/v2/version", "POST /auth/token", "POST /api/v2/dags/carelake/dagRuns"), calls);
      JsonNode login = JSON.readTree(apiRequests(fake, "/auth/token").get(0).body());
      assertEquals(FakeAirflow.USER, login.path("username").asText());
      Request post = apiRequests(fake, "/dagRuns").get(0);
      assertEquals("Bearer " + FakeAirflow.ISSUED_TOKEN, post.authorization());
      JsonNode body = JSON.readTree(post.body());
      assertTrue(body.path("logical_date").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
          body.toString());
      assertEquals("2026-01-01/2026-12-31", body.path("conf").path("period").asText());
      assertEquals("manual__" + body.path("logical_date").asText().replace("Z", "+00:00"), runId);

      // No run id: the latest run, found by run_after (v2 has no execution_date to order by).
      CliRun status = airflow("--url", fake.url(), "status");
      assertEquals(Carelake.FAILURE, status.code(), status.toString());
      assertTrue(status.out().startsWith("DAG carelake run " + runId + ": failed (Airflow 3.0.2, API v2)"),
          status.out());
      assertTrue(apiRequests(fake, "/dagRuns").stream().anyMatch(r -> "GET".equals(r.method())
          && r.query() != null && r.query().contains("order_by=-run_after")));
      assertEquals("silver       failed               2  2026-11-27 06:04:00  2026-11-27 06:05:09     1m09s",
          line(status.out(), "silver "));

      CliRun logs = airflow("--url", fake.url(), "logs", runId, "--task", "landing");
      assertEquals(Carelake.OK, logs.code(), logs.err());
      assertTrue(logs.out().contains("::group::Log message source details\n::endgroup::\n"
          + "2026-11-27T06:00:01.123000Z [info] carelake: landing: try 1 done\n"), logs.out());
      assertEquals("application/json", apiRequests(fake, "/logs/").get(0).accept());
      assertTrue(fake.requests().stream().filter(r -> r.path().startsWith("/api/v2/dags"))
          .allMatch(r -> ("Bearer " + FakeAirflow.ISSUED_TOKEN).equals(r.authorization())));
    }
  }

  @Test
  void aGivenTokenIsSentAsItIsWithoutALogin() throws Exception {
    try (FakeAirflow fake = new FakeAirflow(FakeAirflow.Version.AIRFLOW_3)) {
      env.put("CARELAKE_AIRFLOW_URL", fake.url());
      env.put("CARELAKE_AIRFLOW_TOKEN_FILE", secretFile("token", FakeAirflow.GIVEN_TOKEN).toString());
      env.put("CARELAKE_AIRFLOW_USER", "ignored-when-a-token-is-given");
      CliRun trigger = airflow("--api", "v2", "trigger", "--logical-date", "2026-02-01T00:00:00Z");
      assertEquals(Carelake.OK, trigger.code(), trigger.err());
      assertEquals("manual__2026-02-01T00:00:00+00:00", trigger.out().strip());
      assertTrue(apiRequests(fake, "/auth/token").isEmpty());
      assertEquals("Bearer " + FakeAirflow.GIVEN_TOKEN, apiRequests(fake, "/dagRuns").get(0).authorization());
    }
  }

  @Test
  void autoDetectionFallsBackToV1OnAirflow2() throws Exception {
    try (FakeAirflow fake = new FakeAirflow(FakeAirflow.Version.AIRFLOW_2)) {
      env.put("CARELAKE_AIRFLOW_USER", FakeAirflow.USER);
      env.put("CARELAKE_AIRFLOW_PASSWORD", FakeAirflow.PASSWORD);
      CliRun trigger = airflow("--url", fake.url(), "trigger");
      assertEquals(Carelake.OK, trigger.code(), trigger.err());
      CliRun status = airflow("--url", fake.url(), "--api", "auto", "status");
      assertTrue(status.out().startsWith("DAG carelake run " + trigger.out().strip()
          + ": failed (Airflow 2.10.5, API v1)"), status.out());
      List<String> first = fake.requests().stream().limit(3).map(r -> r.method() + " " + r.path()).toList();
      assertEquals(List.of("GET /api/v2/version", "GET /api/v1/version", "POST /api/v1/dags/carelake/dagRuns"), first);
      assertTrue(apiRequests(fake, "/dagRuns").stream().anyMatch(r -> r.query() != null
          && r.query().contains("order_by=-execution_date")));
    }
  }

  @Test
  void unauthorizedAnswersNameStatusProblemAndUrlButNoSecret() throws Exception {
    try (FakeAirflow fake = new FakeAirflow(FakeAirflow.Version.AIRFLOW_2)) {
      env.put("CARELAKE_AIRFLOW_USER", FakeAirflow.USER);
      env.put("CARELAKE_AIRFLOW_PASSWORD", "wrong-" + FakeAirflow.PASSWORD);
      CliRun run = airflow("--url", fake.url(), "--api", "v1", "trigger");
      assertEquals(Carelake.FAILURE, run.code());
      assertEquals("carelake: airflow: HTTP 401 from POST " + fake.url() + "/api/v1/dags/carelake/dagRuns: "
          + "Unauthorized: No credentials found or the credentials are invalid. (check CARELAKE_AIRFLOW_USER and "
          + "CARELAKE_AIRFLOW_PASSWORD_FILE, or CARELAKE_AIRFLOW_TOKEN_FILE)", run.err().strip());
      assertFalse(run.err().contains("wrong-"), run.err());
    }
    try (FakeAirflow fake = new FakeAirflow(FakeAirflow.Version.AIRFLOW_3)) {
      env.put("CARELAKE_AIRFLOW_PASSWORD", "wrong-" + FakeAirflow.PASSWORD);
      CliRun run = airflow("--url", fake.url(), "status", "some-run");
      assertEquals(Carelake.FAILURE, run.code());
      assertTrue(run.err().startsWith("carelake: airflow: HTTP 401 from POST " + fake.url() + "/auth/token: "
          + "Invalid credentials"), run.err());
      assertFalse(run.err().contains("wrong-"), run.err());
    }
  }

  @Test
  void notFoundAnswersCarryTheApisDetail() throws Exception {
    try (FakeAirflow fake = new FakeAirflow(FakeAirflow.Version.AIRFLOW_2)) {
      env.put("CARELAKE_AIRFLOW_URL", fake.url());
      env.put("CARELAKE_AIRFLOW_USER", FakeAirflow.USER);
      env.put("CARELAKE_AIRFLOW_PASSWORD", FakeAirflow.PASSWORD);
      CliRun dag = airflow("--dag", "nope", "trigger");
      assertEquals(Carelake.FAILURE, dag.code());
      assertEquals("carelake: airflow: HTTP 404 from POST " + fake.url() + "/api/v1/dags/nope/dagRuns: DAG not found: "
          + "DAG with dag_id: 'nope' not found", dag.err().strip());
      CliRun run = airflow("status", "no-such-run");
      assertEquals(Carelake.FAILURE, run.code());
      assertTrue(run.err().contains("HTTP 404 from GET " + fake.url() + "/api/v1/dags/carelake/dagRuns/no-such-run: "
          + "DAGRun not found"), run.err());
      CliRun none = airflow("status");
      assertEquals(Carelake.FAILURE, none.code());
      assertTrue(none.err().contains("DAG 'carelake' has no runs yet"), none.err());
    }
    try (FakeAirflow fake = new FakeAirflow(FakeAirflow.Version.AIRFLOW_3)) {
      env.put("CARELAKE_AIRFLOW_URL", fake.url());
      CliRun dag = airflow("--dag", "nope", "trigger");
      assertEquals("carelake: airflow: HTTP 404 from POST " + fake.url() + "/api/v2/dags/nope/dagRuns: The Dag with "
          + "ID: `nope` was not found", dag.err().strip());
    }
  }

  @Test
  void usageErrorsExitWithTwoAndUnreachableAirflowWithOne() throws Exception {
    assertEquals(Carelake.USAGE, airflow("status").code(), "no URL");
    assertTrue(airflow("status").err().contains("CARELAKE_AIRFLOW_URL"));
    assertEquals(Carelake.USAGE, airflow("--url", "http://127.0.0.1:1", "--api", "v9", "status").code());
    CliRun inUrl = airflow("--url", "http://ops:hunter2@127.0.0.1:1", "status");
    assertEquals(Carelake.USAGE, inUrl.code());
    assertFalse(inUrl.err().contains("hunter2"), inUrl.err());
    assertEquals(Carelake.USAGE, airflow("--url", "http://127.0.0.1:1", "trigger", "--period", "2025-12-31/2025-01-01")
        .code());
    assertEquals(Carelake.USAGE, airflow("--url", "http://127.0.0.1:1", "logs", "r", "--try", "2").code());
    env.put("CARELAKE_AIRFLOW_USER", "ops");
    CliRun half = airflow("--url", "http://127.0.0.1:1", "status", "r");
    assertEquals(Carelake.USAGE, half.code());
    assertTrue(half.err().contains("CARELAKE_AIRFLOW_PASSWORD_FILE"), half.err());
    env.clear();

    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    CliRun down = airflow("--url", "http://127.0.0.1:" + closed, "--api", "v1", "status", "r");
    assertEquals(Carelake.FAILURE, down.code());
    assertTrue(down.err().startsWith("carelake: airflow: cannot reach Airflow: GET http://127.0.0.1:" + closed
        + "/api/v1/dags/carelake/dagRuns/r"), down.err());
  }
}
