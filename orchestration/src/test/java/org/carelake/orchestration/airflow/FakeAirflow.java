package org.carelake.orchestration.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Airflow webserver on an ephemeral loopback port answering the stable REST API with the shapes its documentation
 * gives: Airflow 2.x (API v1: basic auth, connexion problem JSON, text logs) or Airflow 3.x (API v2: JWT from POST
 * /auth/token, FastAPI {"detail": ...} errors, JSON log events). It holds one DAG, {@code carelake}; every run has the
 * same seven task instances (landing and terminology succeeded, silver failed on its second try, the rest never ran),
 * served at most {@link #PAGE_LIMIT} per page as Airflow caps pages. Every request is recorded.
 */
public final class FakeAirflow implements AutoCloseable {
  public enum Version { AIRFLOW_2, AIRFLOW_3 }

  public record Request(String method, String path, String query, String authorization, String accept, String body) {}

  public static final String USER = "carelake-ops";
  public static final String PASSWORD = "pa55-W0rd:with/odd+chars";
  public static final String ISSUED_TOKEN = "eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJjYXJlbGFrZS1vcHMifQ.issued-sig";
  public static final String GIVEN_TOKEN = "eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJib3QifQ.given-sig";
  public static final int PAGE_LIMIT = 3;
  static final String DAG = "carelake";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RUNS = Pattern.compile("/dags/([^/]+)/dagRuns");
  private static final Pattern RUN = Pattern.compile("/dags/([^/]+)/dagRuns/([^/]+)");
  private static final Pattern TIS = Pattern.compile("/dags/([^/]+)/dagRuns/([^/]+)/taskInstances");
  private static final Pattern LOG = Pattern.compile("/dags/([^/]+)/dagRuns/([^/]+)/taskInstances/([^/]+)/logs/(\\d+)");

  private final Version version;
  private final String prefix;
  private final HttpServer server;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, ObjectNode> runs = Collections.synchronizedMap(new LinkedHashMap<>());

  public FakeAirflow(Version version) throws IOException {
    this.version = version;
    this.prefix = version == Version.AIRFLOW_2 ? "/api/v1" : "/api/v2";
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The conf the last triggered run was given. */
  public JsonNode lastConf() {
    synchronized (runs) {
      return runs.values().stream().reduce((a, b) -> b).map(r -> r.path("conf")).orElseThrow();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = ex.getRequestURI().getPath();
    String query = ex.getRequestURI().getRawQuery();
    requests.add(new Request(ex.getRequestMethod(), path, query, ex.getRequestHeaders().getFirst("Authorization"),
        ex.getRequestHeaders().getFirst("Accept"), body));
    try {
      route(ex, ex.getRequestMethod(), path, query == null ? "" : query, body);
    } catch (RuntimeException e) {
      send(ex, 500, "application/json", "{\"detail\":\"fake failed: " + e + "\"}");
    }
  }

  private void route(HttpExchange ex, String method, String path, String query, String body) throws IOException {
    if (version == Version.AIRFLOW_3 && path.equals("/auth/token") && method.equals("POST")) {
      JsonNode login = JSON.readTree(body);
      if (USER.equals(login.path("username").asText()) && PASSWORD.equals(login.path("password").asText())) {
        send(ex, 201, "application/json", JSON.createObjectNode().put("access_token", ISSUED_TOKEN).toString());
      } else {
        send(ex, 401, "application/json", "{\"detail\":\"Invalid credentials\"}");
      }
      return;
    }
    if (!path.startsWith(prefix + "/")) {
      notFound(ex);
      return;
    }
    String api = path.substring(prefix.length());
    if (api.equals("/version")) {
      String v = version == Version.AIRFLOW_2 ? "2.10.5" : "3.0.2";
      send(ex, 200, "application/json", "{\"version\":\"" + v + "\",\"git_version\":null}");
      return;
    }
    if (!authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
      if (version == Version.AIRFLOW_2) {
        problem(ex, 401, "Unauthorized", "No credentials found or the credentials are invalid.", "Unauthenticated");
      } else {
        send(ex, 401, "application/json", "{\"detail\":\"Not authenticated\"}");
      }
      return;
    }
    Matcher m;
    if ((m = LOG.matcher(api)).matches() && method.equals("GET")) {
      log(ex, m.group(3), Integer.parseInt(m.group(4)), query);
    } else if ((m = TIS.matcher(api)).matches() && method.equals("GET")) {
      if (run(ex, m.group(1), m.group(2)) != null) {
        taskInstances(ex, m.group(2), query);
      }
    } else if ((m = RUN.matcher(api)).matches() && method.equals("GET")) {
      ObjectNode run = run(ex, m.group(1), m.group(2));
      if (run != null) {
        send(ex, 200, "application/json", run.toString());
      }
    } else if ((m = RUNS.matcher(api)).matches() && dag(ex, m.group(1))) {
      if (method.equals("POST")) {
        trigger(ex, JSON.readTree(body));
      } else {
        list(ex, query);
      }
    } else {
      notFound(ex);
    }
  }

  private boolean authorized(String header) {
    if (header == null) {
      return false;
    }
    if (version == Version.AIRFLOW_3) {
      return header.equals("Bearer " + ISSUED_TOKEN) || header.equals("Bearer " + GIVEN_TOKEN);
    }
    String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    return header.equals("Basic " + basic) || header.equals("Bearer " + GIVEN_TOKEN);
  }

  private boolean dag(HttpExchange ex, String dagId) throws IOException {
    if (DAG.equals(dagId)) {
      return true;
    }
    if (version == Version.AIRFLOW_2) {
      problem(ex, 404, "DAG not found", "DAG with dag_id: '" + dagId + "' not found", "NotFound");
    } else {
      send(ex, 404, "application/json", "{\"detail\":\"The Dag with ID: `" + dagId + "` was not found\"}");
    }
    return false;
  }

  private ObjectNode run(HttpExchange ex, String dagId, String runId) throws IOException {
    if (!dag(ex, dagId)) {
      return null;
    }
    ObjectNode run = runs.get(runId);
    if (run == null) {
      if (version == Version.AIRFLOW_2) {
        problem(ex, 404, "DAGRun not found", "DAGRun with DAG ID: '" + dagId + "' and DagRun ID: '" + runId
            + "' not found", "NotFound");
      } else {
        send(ex, 404, "application/json", "{\"detail\":\"The DagRun with dag_id: `" + dagId + "` and run_id: `"
            + runId + "` was not found\"}");
      }
    }
    return run;
  }

  private void trigger(HttpExchange ex, JsonNode body) throws IOException {
    if (version == Version.AIRFLOW_3 && !body.has("logical_date")) {
      ArrayNode detail = JSON.createArrayNode();
      detail.addObject().put("type", "missing").put("msg", "Field required").set("loc",
          JSON.createArrayNode().add("body").add("logical_date"));
      send(ex, 422, "application/json", JSON.createObjectNode().set("detail", detail).toString());
      return;
    }
    String logical = body.hasNonNull("logical_date") ? body.get("logical_date").asText() : "2026-11-27T06:00:00Z";
    String runId = body.hasNonNull("dag_run_id") ? body.get("dag_run_id").asText()
        : "manual__" + logical.replace("Z", "+00:00");
    ObjectNode run = JSON.createObjectNode();
    run.put("dag_run_id", runId).put("dag_id", DAG).put("logical_date", logical)
        .put("start_date", "2026-11-27T06:00:00.512345+00:00").put("end_date", "2026-11-27T06:05:10.000001+00:00")
        .put("data_interval_start", "2026-11-26T00:00:00+00:00").put("data_interval_end", "2026-11-27T00:00:00+00:00")
        .put("run_type", "manual").put("state", "queued").set("conf", body.path("conf"));
    if (version == Version.AIRFLOW_2) {
      run.put("execution_date", logical).put("external_trigger", true);
    } else {
      run.put("run_after", logical).put("triggered_by", "rest_api").putNull("note");
    }
    runs.put(runId, run);
    send(ex, 200, "application/json", run.toString());
    // What the scheduler makes of it by the time anyone asks.
    run.put("state", "failed");
  }

  private void list(HttpExchange ex, String query) throws IOException {
    String allowed = version == Version.AIRFLOW_2 ? "execution_date" : "run_after";
    Matcher m = Pattern.compile("order_by=-?([a-z_]+)").matcher(query);
    if (m.find() && !m.group(1).equals(allowed) && !m.group(1).equals("start_date")) {
      String detail = "Ordering with '" + m.group(1) + "' is disallowed or the attribute does not exist on the model";
      if (version == Version.AIRFLOW_2) {
        problem(ex, 400, "Bad Request", detail, "BadRequest");
      } else {
        send(ex, 400, "application/json", JSON.createObjectNode().put("detail", detail).toString());
      }
      return;
    }
    ObjectNode page = JSON.createObjectNode();
    ArrayNode items = page.putArray("dag_runs");
    synchronized (runs) {
      runs.values().stream().reduce((a, b) -> b).ifPresent(items::add);
      page.put("total_entries", runs.size());
    }
    send(ex, 200, "application/json", page.toString());
  }

  private void taskInstances(HttpExchange ex, String runId, String query) throws IOException {
    List<ObjectNode> all = new ArrayList<>();
    all.add(ti(runId, "landing", "success", 1, "2026-11-27T06:00:01.000000+00:00", "2026-11-27T06:00:31.000000+00:00",
        30.0));
    all.add(ti(runId, "terminology", "success", 1, "2026-11-27T06:00:32+00:00", "2026-11-27T06:02:37+00:00", 125.4));
    all.add(ti(runId, "silver", "failed", 2, "2026-11-27T06:04:00+00:00", "2026-11-27T06:05:09+00:00", 69.0));
    for (String t : List.of("gold", "measures", "risk", "cohorts")) {
      all.add(ti(runId, t, "upstream_failed", 0, null, null, null));
    }
    int offset = intParam(query, "offset", 0);
    int limit = Math.min(PAGE_LIMIT, intParam(query, "limit", 100));
    ObjectNode page = JSON.createObjectNode();
    ArrayNode items = page.putArray("task_instances");
    all.stream().skip(offset).limit(limit).forEach(items::add);
    page.put("total_entries", all.size());
    send(ex, 200, "application/json", page.toString());
  }

  private ObjectNode ti(String runId, String task, String state, int tryNumber, String start, String end,
      Double duration) {
    ObjectNode ti = JSON.createObjectNode();
    ti.put("task_id", task).put("dag_id", DAG).put("dag_run_id", runId).put("map_index", -1).put("state", state)
        .put("try_number", tryNumber).put("max_tries", 3).put("operator", "BashOperator").put("pool", "default_pool")
        .put("start_date", start).put("end_date", end);
    if (duration == null) {
      ti.putNull("duration");
    } else {
      ti.put("duration", duration);
    }
    if (version == Version.AIRFLOW_3) {
      ti.put("id", "0195f1d2-" + task).put("run_after", "2026-11-27T06:00:00Z");
    } else {
      ti.put("execution_date", "2026-11-27T06:00:00+00:00");
    }
    return ti;
  }

  private void log(HttpExchange ex, String task, int tryNumber, String query) throws IOException {
    String line = "carelake: " + task + ": try " + tryNumber + " done";
    if (version == Version.AIRFLOW_2) {
      if (!query.contains("full_content=true")) {
        problem(ex, 400, "Bad Request", "the fake serves whole logs only", "BadRequest");
      } else if ("text/plain".equals(ex.getRequestHeaders().getFirst("Accept"))) {
        send(ex, 200, "text/plain", "[2026-11-27, 06:00:01 UTC] {subprocess.py:93} INFO - " + line + "\n");
      } else {
        send(ex, 200, "application/json", JSON.createObjectNode().put("content", "[('host', '" + line + "')]")
            .putNull("continuation_token").toString());
      }
      return;
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode content = out.putArray("content");
    content.addObject().put("event", "::group::Log message source details").putArray("sources").add("/logs/x.log");
    content.addObject().put("event", "::endgroup::");
    content.addObject().put("timestamp", "2026-11-27T06:00:01.123000Z").put("level", "info").put("event", line)
        .put("logger", "airflow.task.hooks.airflow.providers.standard.hooks.subprocess.SubprocessHook");
    out.putNull("continuation_token");
    send(ex, 200, "application/json", out.toString());
  }

  private static int intParam(String query, String name, int fallback) {
    Matcher m = Pattern.compile("(?:^|&)" + name + "=(\\d+)").matcher(query);
    return m.find() ? Integer.parseInt(m.group(1)) : fallback;
  }

  private void notFound(HttpExchange ex) throws IOException {
    if (version == Version.AIRFLOW_2) {
      // Flask answers unknown paths with an HTML page, not problem JSON.
      send(ex, 404, "text/html", "<!doctype html>\n<html><title>Airflow 404 = lots of circles</title></html>");
    } else {
      send(ex, 404, "application/json", "{\"detail\":\"Not Found\"}");
    }
  }

  private static void problem(HttpExchange ex, int status, String title, String detail, String type)
      throws IOException {
    ObjectNode p = JSON.createObjectNode().put("detail", detail).put("status", status).put("title", title)
        .put("type", "https://airflow.apache.org/docs/apache-airflow/2.10.5/stable-rest-api-ref.html#section/Errors/"
            + type);
    send(ex, status, "application/problem+json", p.toString());
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
