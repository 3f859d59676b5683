package org.carelake.orchestration.airflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's pieces that the command-line tests do not pin down one by one. */
class AirflowClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void problemDetailsOfBothApiVersionsBecomeOneLine() {
    assertEquals("DAG not found: DAG with dag_id: 'x' not found", AirflowClient.problem(
        "{\"detail\":\"DAG with dag_id: 'x' not found\",\"status\":404,\"title\":\"DAG not found\",\"type\":\"t\"}"));
    assertEquals("Not authenticated", AirflowClient.problem("{\"detail\":\"Not authenticated\"}"));
    assertEquals("body.logical_date: Field required; body.conf: Input should be a valid dictionary",
        AirflowClient.problem("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"logical_date\"],"
            + "\"msg\":\"Field required\"},"
            + "{\"loc\":[\"body\",\"conf\"],\"msg\":\"Input should be a valid dictionary\"}]}"));
    assertEquals("<html> <body>502 Bad Gateway</body> </html>",
        AirflowClient.problem("<html>\n<body>502 Bad Gateway</body>\n</html>\n"));
    assertEquals(203, AirflowClient.problem("x".repeat(5000)).length(), "long bodies are cut");
  }

  @Test
  void v2LogContentIsRenderedLineByLine() throws Exception {
    assertEquals("plain text\n",
        AirflowClient.logText(JSON.readTree("{\"content\":\"plain text\\n\"}").get("content")));
    assertEquals("a\nb\n", AirflowClient.logText(JSON.readTree("[\"a\",\"b\"]")));
    assertEquals("2026-11-27T06:00:01Z [error] boom\n::endgroup::\n", AirflowClient.logText(JSON.readTree(
        "[{\"timestamp\":\"2026-11-27T06:00:01Z\",\"level\":\"error\",\"event\":\"boom\",\"logger\":\"x\"},"
            + "{\"event\":\"::endgroup::\",\"timestamp\":null}]")));
  }

  @Test
  void aUrlEndingInTheApiPathChoosesIt() throws Exception {
    try (FakeAirflow fake = new FakeAirflow(FakeAirflow.Version.AIRFLOW_2)) {
      AirflowClient client = AirflowClient.connect(fake.url() + "/api/v1/", null,
          AirflowAuth.password(FakeAirflow.USER, FakeAirflow.PASSWORD));
      assertEquals(AirflowApi.V1, client.api());
      assertNull(client.serverVersion(), "no detection ran");
      assertEquals("manual__2026-01-01T00:00:00+00:00",
          client.trigger("carelake", Map.of(), java.time.Instant.parse("2026-01-01T00:00:00Z"), null).runId());
      assertEquals(List.of("POST /api/v1/dags/carelake/dagRuns"),
          fake.requests().stream().map(r -> r.method() + " " + r.path()).toList());
      assertThrows(IllegalArgumentException.class, () -> AirflowClient.connect(fake.url() + "/api/v1",
          AirflowApi.V2, AirflowAuth.none()));
    }
  }

  @Test
  void detectionFailsClearlyWhereNoAirflowAnswers() throws Exception {
    HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    other.createContext("/", ex -> {
      ex.sendResponseHeaders(404, -1);
      ex.close();
    });
    other.start();
    try {
      String url = "http://127.0.0.1:" + other.getAddress().getPort();
      AirflowException e = assertThrows(AirflowException.class,
          () -> AirflowClient.connect(url, null, AirflowAuth.none()));
      assertEquals("no Airflow REST API found at " + url + " (/api/v2/version: HTTP 404, /api/v1/version: HTTP 404); "
          + "check --url, or give --api v1|v2", e.getMessage());
    } finally {
      other.stop(0);
    }
  }

  @Test
  void credentialsComeFromTheEnvironmentAndNeverShow(@TempDir Path tmp) throws Exception {
    Path pw = Files.writeString(tmp.resolve("pw"), "file-secret\r\n", StandardCharsets.UTF_8);
    AirflowAuth fromFile = AirflowAuth.fromEnvironment(Map.of("CARELAKE_AIRFLOW_USER", "ops",
        "CARELAKE_AIRFLOW_PASSWORD_FILE", pw.toString(), "CARELAKE_AIRFLOW_PASSWORD", "env-secret")::get);
    assertEquals("file-secret", fromFile.secret(), "the file wins, without its line end");
    assertEquals("user ops", fromFile.toString());
    assertEquals("a bearer token", AirflowAuth.fromEnvironment(Map.of("CARELAKE_AIRFLOW_TOKEN", "t0k",
        "CARELAKE_AIRFLOW_USER", "ops")::get).toString());
    assertEquals("no credentials", AirflowAuth.fromEnvironment(Map.<String, String>of()::get).toString());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> AirflowAuth.fromEnvironment(
        Map.of("CARELAKE_AIRFLOW_PASSWORD_FILE", tmp.resolve("absent").toString())::get));
    assertTrue(missing.getMessage().contains("cannot read " + tmp.resolve("absent")), missing.getMessage());

    String basic = fromFile.basicHeader().substring("Basic ".length());
    String redacted = fromFile.redact("sent file-secret as " + basic + " and got jwt-123", List.of("jwt-123"));
    assertEquals("sent *** as *** and got ***", redacted);
    assertFalse(redacted.contains("file-secret"));
  }
}
