package org.carelake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.carelake.core.SharedSpark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carelake export}: the command line over a minimal Bulk Data server on loopback. */
class ExportCommandTest {
  @TempDir
  static Path tmp;

  private HttpServer server;
  private String base;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile boolean refuse;

  @BeforeAll
  static void sharedSession() {
    SharedSpark.session();
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
    String files = base.replace("/fhir", "/files/");
    if (path.endsWith("/$export") && refuse) {
      send(ex, 400, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"invalid\","
          + "\"diagnostics\":\"_since is in the future\"}]}");
    } else if (path.endsWith("/$export")) {
      ex.getResponseHeaders().add("Content-Location", base + "/status/1");
      ex.sendResponseHeaders(202, -1);
    } else if (path.equals("/fhir/status/1") && ex.getRequestMethod().equals("GET")) {
      send(ex, 200, "{\"transactionTime\":\"2026-05-01T00:00:00Z\",\"requiresAccessToken\":false,"
          + "\"output\":[{\"type\":\"Patient\",\"url\":\"" + files + "p.ndjson\"}],"
          + "\"error\":[{\"type\":\"OperationOutcome\",\"url\":\"" + files + "e.ndjson\"}]}");
    } else if (path.equals("/fhir/status/1")) {
      ex.sendResponseHeaders(202, -1);
    } else if (path.equals("/files/p.ndjson")) {
      send(ex, 200, "{\"resourceType\":\"Patient\",\"id\":\"a\"}\n{\"resourceType\":\"Patient\",\"id\":\"b\"}\n");
    } else if (path.equals("/files/e.ndjson")) {
      send(ex, 200, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"processing\","
          + "\"diagnostics\":\"Patient/c could not be read\"}]}\n");
    } else {
      send(ex, 404, "{}");
    }
    ex.close();
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  @Test
  void exportFhirIngestsReportsServerErrorsWithExitThreeAndListsTheJob() {
    String lake = tmp.resolve("export-lake").toString();
    CliRun r = CliRun.of("--lakehouse", lake, "export", "fhir", "--server", base, "--patient", "--type", "Patient",
        "--since", "2026-01-01T00:00:00Z", "--source", "ehr", "--auth", "none");
    assertEquals(Carelake.QUARANTINED, r.code(), r.out() + r.err());
    assertTrue(requests.contains("GET /fhir/Patient/$export?_type=Patient&_since=2026-01-01T00%3A00%3A00Z"),
        requests.toString());
    assertTrue(r.out().contains("resources: 2 (Patient 2)") && r.out().contains("server errors: 1")
        && r.out().contains("- Patient/c could not be read"), r.out());

    CliRun sql = CliRun.of("--lakehouse", lake, "sql", "--format", "csv",
        "select resource_type, count(*) from bronze.fhir_resource where source_system = 'ehr' group by 1 order by 1");
    assertEquals(List.of("resource_type,count(1)", "OperationOutcome,1", "Patient,2"), sql.out().lines().toList(),
        sql.err());
    CliRun jobs = CliRun.of("--lakehouse", lake, "export", "jobs");
    assertEquals(Carelake.OK, jobs.code(), jobs.err());
    assertTrue(jobs.out().lines().anyMatch(l -> l.contains("complete") && l.contains("patient")
        && l.contains("2026-05-01T00:00:00Z") && l.contains("2/2")), jobs.out());
  }

  @Test
  void usageErrorsExitTwoAndARefusedKickOffExitsOneNamingTheServer() {
    String lake = tmp.resolve("usage-lake").toString();
    assertEquals(Carelake.USAGE, CliRun.of("--lakehouse", lake, "export", "fhir", "--server", base, "--group", "g",
        "--patient").code());
    CliRun since = CliRun.of("--lakehouse", lake, "export", "fhir", "--server", base, "--since", "yesterday");
    assertEquals(Carelake.USAGE, since.code());
    assertTrue(since.err().contains("FHIR instant"), since.err());
    assertEquals(Carelake.USAGE, CliRun.of("--lakehouse", lake, "export", "fhir", "--server", "not a url").code());
    assertEquals(Carelake.USAGE, CliRun.of("--lakehouse", lake, "export", "fhir", "--server", base, "--auth",
        "magic").code());
    assertEquals(Carelake.USAGE, CliRun.of("--lakehouse", lake, "export", "cancel", "no-such-job").code());

    refuse = true;
    CliRun refused = CliRun.of("--lakehouse", lake, "export", "fhir", "--server", base, "--auth", "none");
    assertEquals(Carelake.FAILURE, refused.code(), refused.out() + refused.err());
    assertTrue(refused.err().contains("the FHIR server " + base + " refused the export: GET " + base + "/$export "
        + "returned HTTP 400: _since is in the future"), refused.err());
  }
}
