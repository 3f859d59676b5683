package org.carelake.orchestration.airflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small client of Airflow's stable REST API, v1 (Airflow 2.x) or v2 (Airflow 3.x): trigger a DAG run, read a run
 * and its task instances, read a task's log. Every failure is an {@link AirflowException} naming the HTTP status, the
 * API's problem detail and the URL, with secrets blanked out.
 */
public final class AirflowClient {
  /** A DAG run as both API versions describe it; dates are the API's ISO strings, null when unset. */
  public record DagRun(String runId, String state, String logicalDate, String startDate, String endDate) {}

  /** A task instance of a run; mapIndex is -1 for an unmapped task, tryNumber 0 before its first try. */
  public record TaskInstance(String taskId, int mapIndex, String state, int tryNumber, String startDate,
      String endDate, Double durationSeconds) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 100;

  private final HttpClient http;
  private final URI base;
  private final AirflowApi api;
  private final AirflowAuth auth;
  private final String serverVersion;
  private String bearer;

  private AirflowClient(HttpClient http, URI base, AirflowApi api, AirflowAuth auth, String serverVersion) {
    this.http = http;
    this.base = base;
    this.api = api;
    this.auth = auth;
    this.serverVersion = serverVersion;
  }

  /**
   * A client of the Airflow at {@code url} (its base URL; a trailing /api/v1 or /api/v2 also chooses the API).
   * With a null api the version is detected: GET /api/v2/version, then /api/v1/version.
   */
  public static AirflowClient connect(String url, AirflowApi api, AirflowAuth auth) {
    URI base = baseUri(url);
    String path = base.getPath();
    for (AirflowApi a : AirflowApi.values()) {
      if (path.endsWith(a.prefix())) {
        if (api != null && api != a) {
          throw new IllegalArgumentException("--url ends with " + a.prefix() + " but --api is " + api);
        }
        api = a;
        base = URI.create(base.toString().substring(0, base.toString().length() - a.prefix().length()));
      }
    }
    HttpClient http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        // Never follow redirects: a redirect would carry the Authorization header to wherever it points.
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    AirflowClient probe = new AirflowClient(http, base, api, auth, null);
    if (api != null) {
      return probe;
    }
    return probe.detect();
  }

  private static URI baseUri(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("no Airflow URL: give --url or set CARELAKE_AIRFLOW_URL");
    }
    URI u;
    try {
      u = new URI(url.strip());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("--url is not a URL: " + e.getReason());
    }
    if (u.getRawUserInfo() != null) {
      // Not echoed: the URL holds a secret.
      throw new IllegalArgumentException("--url must not hold credentials; set " + AirflowAuth.USER + " and "
          + AirflowAuth.PASSWORD_FILE + ", or " + AirflowAuth.TOKEN_FILE);
    }
    if (u.getScheme() == null || !u.getScheme().matches("(?i)https?") || u.getHost() == null
        || u.getRawQuery() != null || u.getRawFragment() != null) {
      throw new IllegalArgumentException("--url must be Airflow's http(s) base URL, e.g. http://airflow:8080; got '"
          + url + "'");
    }
    return URI.create(u.toString().replaceAll("/+$", ""));
  }

  private AirflowClient detect() {
    List<String> answers = new ArrayList<>();
    for (AirflowApi candidate : List.of(AirflowApi.V2, AirflowApi.V1)) {
      URI uri = URI.create(base + candidate.prefix() + "/version");
      HttpResponse<String> r = exchange(HttpRequest.newBuilder(uri).GET(), "GET", uri);
      // 401/403 still prove the API is there; the version endpoint is public on most deployments.
      if (r.statusCode() == 200 || r.statusCode() == 401 || r.statusCode() == 403) {
        String version = null;
        if (r.statusCode() == 200) {
          version = parse(r, "GET", uri).path("version").asText(null);
        }
        return new AirflowClient(http, base, candidate, auth, version);
      }
      answers.add(candidate.prefix() + "/version: HTTP " + r.statusCode());
    }
    throw new AirflowException(404, "no Airflow REST API found at " + base + " (" + String.join(", ", answers)
        + "); check --url, or give --api v1|v2");
  }

  public AirflowApi api() {
    return api;
  }

  /** The version the server reported while detecting the API, or null. */
  public String serverVersion() {
    return serverVersion;
  }

  /**
   * Triggers a run of the DAG with this conf (which Airflow hands to the DAG as params). v2 requires a logical date:
   * the given one, else now; v1 takes it only when given.
   */
  public DagRun trigger(String dagId, Map<String, ?> conf, Instant logicalDate, String runId) {
    ObjectNode body = JSON.createObjectNode();
    if (runId != null) {
      body.put("dag_run_id", runId);
    }
    if (logicalDate != null || api == AirflowApi.V2) {
      Instant when = logicalDate != null ? logicalDate : Instant.now().truncatedTo(ChronoUnit.SECONDS);
      body.put("logical_date", when.toString());
    }
    body.set("conf", JSON.valueToTree(conf));
    return dagRun(call("POST", "/dags/" + segment(dagId) + "/dagRuns", body));
  }

  public DagRun dagRun(String dagId, String runId) {
    return dagRun(call("GET", "/dags/" + segment(dagId) + "/dagRuns/" + segment(runId), null));
  }

  /** The most recent run of the DAG, if it has any. */
  public Optional<DagRun> latestRun(String dagId) {
    // v2 runs may have no logical date (triggered without one); run_after is always set there.
    String order = api == AirflowApi.V2 ? "-run_after" : "-execution_date";
    JsonNode page = call("GET", "/dags/" + segment(dagId) + "/dagRuns?limit=1&order_by=" + order, null);
    JsonNode runs = page.path("dag_runs");
    return runs.isEmpty() ? Optional.empty() : Optional.of(dagRun(runs.get(0)));
  }

  /** Every task instance of the run (all pages). */
  public List<TaskInstance> taskInstances(String dagId, String runId) {
    List<TaskInstance> out = new ArrayList<>();
    String path = "/dags/" + segment(dagId) + "/dagRuns/" + segment(runId) + "/taskInstances";
    while (true) {
      JsonNode page = call("GET", path + "?limit=" + PAGE + "&offset=" + out.size(), null);
      JsonNode items = page.path("task_instances");
      for (JsonNode ti : items) {
        out.add(new TaskInstance(ti.path("task_id").asText(), ti.path("map_index").asInt(-1), text(ti, "state"),
            ti.path("try_number").asInt(0), text(ti, "start_date"), text(ti, "end_date"),
            ti.path("duration").isNumber() ? ti.path("duration").asDouble() : null));
      }
      if (items.isEmpty() || out.size() >= page.path("total_entries").asInt(0)) {
        return out;
      }
    }
  }

  /** The whole log of one try of a task: v1 serves text, v2 JSON whose content is a list of log events. */
  public String log(String dagId, String runId, String taskId, int tryNumber, int mapIndex) {
    String path = "/dags/" + segment(dagId) + "/dagRuns/" + segment(runId) + "/taskInstances/" + segment(taskId)
        + "/logs/" + tryNumber + "?full_content=true" + (mapIndex >= 0 ? "&map_index=" + mapIndex : "");
    if (api == AirflowApi.V1) {
      return send("GET", path, null, "text/plain").body();
    }
    return logText(call("GET", path, null).path("content"));
  }

  static String logText(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder sb = new StringBuilder();
    for (JsonNode line : content) {
      if (line.isTextual()) {
        sb.append(line.asText());
      } else {
        // A structured event: {"timestamp": ..., "level": ..., "event": ...} (timestamp and level are optional).
        List<String> parts = new ArrayList<>();
        for (String field : List.of("timestamp", "level")) {
          if (line.hasNonNull(field)) {
            parts.add(field.equals("level") ? "[" + line.get(field).asText() + "]" : line.get(field).asText());
          }
        }
        parts.add(line.path("event").asText(""));
        sb.append(String.join(" ", parts));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static DagRun dagRun(JsonNode run) {
    String logical = text(run, "logical_date");
    return new DagRun(run.path("dag_run_id").asText(), text(run, "state"),
        logical != null ? logical : text(run, "execution_date"), text(run, "start_date"), text(run, "end_date"));
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  private JsonNode call(String method, String path, JsonNode body) {
    HttpResponse<String> r = send(method, path, body, "application/json");
    return parse(r, method, r.uri());
  }

  private HttpResponse<String> send(String method, String path, JsonNode body, String accept) {
    URI uri = URI.create(base + api.prefix() + path);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).header("Accept", accept);
    String authorization = authorization();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (body != null) {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r = exchange(b, method, uri);
    if (r.statusCode() / 100 != 2) {
      throw failure(method, uri, r);
    }
    return r;
  }

  private String authorization() {
    return switch (auth.kind()) {
      case NONE -> null;
      case TOKEN -> "Bearer " + auth.secret();
      case PASSWORD -> api == AirflowApi.V1 ? auth.basicHeader() : "Bearer " + issuedToken();
    };
  }

  /** Airflow 3.x takes no basic auth: the user and password buy a JWT at POST /auth/token, once per client. */
  private String issuedToken() {
    if (bearer == null) {
      URI uri = URI.create(base + "/auth/token");
      ObjectNode body = JSON.createObjectNode().put("username", auth.user()).put("password", auth.secret());
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json").header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
      HttpResponse<String> r = exchange(b, "POST", uri);
      if (r.statusCode() / 100 != 2) {
        throw failure("POST", uri, r);
      }
      String token = parse(r, "POST", uri).path("access_token").asText("");
      if (token.isEmpty()) {
        throw new AirflowException(r.statusCode(), "POST " + uri + " answered without an access_token");
      }
      bearer = token;
    }
    return bearer;
  }

  private HttpResponse<String> exchange(HttpRequest.Builder request, String method, URI uri) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AirflowException(0, "cannot reach Airflow: " + method + " " + uri + ": "
          + redact(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AirflowException(0, "interrupted: " + method + " " + uri);
    }
  }

  private JsonNode parse(HttpResponse<String> r, String method, URI uri) {
    try {
      return JSON.readTree(r.body());
    } catch (JsonProcessingException e) {
      throw new AirflowException(r.statusCode(), method + " " + uri + " answered HTTP " + r.statusCode()
          + " with a body that is not JSON: " + redact(excerpt(r.body())));
    }
  }

  /** "HTTP 404 from GET URL: title: detail", from the API's problem JSON (v1) or FastAPI's {"detail": ...} (v2). */
  private AirflowException failure(String method, URI uri, HttpResponse<String> r) {
    String problem;
    if (r.statusCode() / 100 == 3) {
      problem = "redirected to " + r.headers().firstValue("Location").orElse("?")
          + "; give --url the address Airflow serves its API at";
    } else {
      problem = problem(r.body());
    }
    return new AirflowException(r.statusCode(), redact("HTTP " + r.statusCode() + " from " + method + " " + uri
        + (problem.isEmpty() ? "" : ": " + problem)));
  }

  static String problem(String body) {
    JsonNode json;
    try {
      json = JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      return excerpt(body);
    }
    if (json == null || !json.isObject()) {
      return excerpt(body);
    }
    List<String> parts = new ArrayList<>();
    if (json.hasNonNull("title")) {
      parts.add(json.get("title").asText());
    }
    JsonNode detail = json.path("detail");
    if (detail.isTextual()) {
      parts.add(detail.asText());
    } else if (detail.isArray()) {
      // FastAPI's validation errors: [{"loc": ["body", "logical_date"], "msg": "Field required", ...}]
      List<String> errors = new ArrayList<>();
      for (JsonNode d : detail) {
        List<String> loc = new ArrayList<>();
        d.path("loc").forEach(l -> loc.add(l.asText()));
        errors.add((loc.isEmpty() ? "" : String.join(".", loc) + ": ") + d.path("msg").asText(d.toString()));
      }
      parts.add(String.join("; ", errors));
    } else if (!detail.isMissingNode() && !detail.isNull()) {
      parts.add(detail.toString());
    }
    return parts.isEmpty() ? excerpt(body) : String.join(": ", parts);
  }

  private static String excerpt(String body) {
    if (body == null) {
      return "";
    }
    String s = body.strip().replaceAll("\\s+", " ");
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  private String redact(String text) {
    return auth.redact(text, bearer == null ? List.of() : List.of(bearer));
  }

  /** One URL path segment: run ids hold ':' and '+' (manual__2026-01-01T00:00:00+00:00). */
  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
