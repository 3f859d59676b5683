package org.carelake.transforms.terminology.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A FHIR R4 terminology server over real TCP on an ephemeral loopback port, answering GET $translate,
 * $validate-code and paged $expand from in-memory content the way the real ones do (Parameters, ValueSet and
 * OperationOutcome JSON). It can demand a bearer token, fail its next requests (503 or 429 with Retry-After: 0, a
 * connection cut mid-response, or a body that stalls), send a raw body for one operation, and counts every request.
 */
final class FakeTerminologyServer implements AutoCloseable {
  /** A value set entry; children become nested {@code contains}, a null code makes a grouping header. */
  record Concept(String system, String code, String display, List<Concept> children) {
    Concept(String system, String code, String display) {
      this(system, code, display, List.of());
    }
  }

  private record Mapping(String mapUrl, String sourceSystem, String sourceCode, String equivalence,
      String targetSystem, String targetCode, String targetDisplay) {}

  private record ValueSet(String url, String version, List<Concept> concepts) {}

  private record Raw(int status, String body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final List<Mapping> mappings = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Map<String, String>> codeSystems = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, ValueSet> valueSets = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, Raw> raw = Collections.synchronizedMap(new LinkedHashMap<>());
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<Map<String, List<String>>> headers = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger cutsLeft = new AtomicInteger();
  private final AtomicInteger stallsLeft = new AtomicInteger();
  private volatile int failureStatus = 503;
  private volatile int maxPageSize = Integer.MAX_VALUE;
  private volatile String requiredToken;

  private FakeTerminologyServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/fhir/", this::handle);
    // Handlers on their own threads, so a stalled response does not hold up the next request.
    server.setExecutor(executor);
    server.start();
  }

  static FakeTerminologyServer start() {
    try {
      return new FakeTerminologyServer();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fhir");
  }

  FakeTerminologyServer map(String mapUrl, String sourceSystem, String sourceCode, String equivalence,
      String targetSystem, String targetCode, String targetDisplay) {
    mappings.add(new Mapping(mapUrl, sourceSystem, sourceCode, equivalence, targetSystem, targetCode, targetDisplay));
    return this;
  }

  FakeTerminologyServer code(String system, String code, String display) {
    codeSystems.computeIfAbsent(system, s -> Collections.synchronizedMap(new LinkedHashMap<>())).put(code, display);
    return this;
  }

  FakeTerminologyServer valueSet(String url, String version, List<Concept> concepts) {
    valueSets.put(url, new ValueSet(url, version, List.copyOf(concepts)));
    return this;
  }

  /** Caps {@code count} the way servers cap page sizes. */
  FakeTerminologyServer maxPageSize(int n) {
    maxPageSize = n;
    return this;
  }

  FakeTerminologyServer requireToken(String token) {
    requiredToken = token;
    return this;
  }

  /** The next {@code n} requests answer {@code status} (503 or 429) with Retry-After: 0. */
  FakeTerminologyServer failNext(int n, int status) {
    failureStatus = status;
    failuresLeft.set(n);
    return this;
  }

  /** The next {@code n} requests get response headers and then a closed connection instead of the body. */
  FakeTerminologyServer cutNext(int n) {
    cutsLeft.set(n);
    return this;
  }

  /** The next {@code n} requests get response headers and one byte, then nothing until the server closes. */
  FakeTerminologyServer stallNext(int n) {
    stallsLeft.set(n);
    return this;
  }

  /** Answers every request for {@code operationPath} (e.g. "ValueSet/$expand") with this status and body. */
  FakeTerminologyServer answerRaw(String operationPath, int status, String body) {
    raw.put(operationPath, new Raw(status, body));
    return this;
  }

  int requestCount() {
    return requests.size();
  }

  /** Each request as "path?query" with the query decoded, in arrival order. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  String lastHeader(String name) {
    List<String> values = headers.isEmpty() ? null : headers.get(headers.size() - 1).get(name.toLowerCase());
    return values == null ? null : values.get(0);
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getRawPath().substring("/fhir/".length());
      String query = ex.getRequestURI().getRawQuery();
      Map<String, String> params = params(query);
      requests.add(path + (query == null ? "" : "?" + URLDecoder.decode(query, StandardCharsets.UTF_8)));
      Map<String, List<String>> h = new LinkedHashMap<>();
      ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(), List.copyOf(v)));
      headers.add(h);
      if (cutsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        // Promise a body and send one byte; the exception makes the server drop the connection.
        startBody(ex);
        throw new IOException("connection cut on purpose");
      }
      if (stallsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        startBody(ex);
        try {
          closing.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new IOException("stalled response abandoned");
      }
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        ex.getResponseHeaders().add("Retry-After", "0");
        send(ex, failureStatus, outcome("transient", "Server busy, try again"));
        return;
      }
      if (requiredToken != null) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + requiredToken).equals(auth)) {
          ex.getResponseHeaders().add("WWW-Authenticate", "Bearer");
          // Careless servers echo what they got; the client must still keep the token out of its messages.
          send(ex, 401, outcome("login", "Invalid bearer token in header: " + auth));
          return;
        }
      }
      if (!"GET".equals(ex.getRequestMethod())) {
        send(ex, 405, outcome("not-supported", "Only GET is supported here"));
        return;
      }
      Raw r = raw.get(path);
      if (r != null) {
        send(ex, r.status(), r.body());
        return;
      }
      switch (path) {
        case "ConceptMap/$translate" -> translate(ex, params);
        case "CodeSystem/$validate-code" -> validateInCodeSystem(ex, params);
        case "ValueSet/$validate-code" -> validateInValueSet(ex, params);
        case "ValueSet/$expand" -> expand(ex, params);
        default -> send(ex, 404, outcome("not-supported", "Unknown operation " + path));
      }
    } finally {
      ex.close();
    }
  }

  private static void startBody(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/fhir+json;charset=utf-8");
    ex.sendResponseHeaders(200, 1000);
    ex.getResponseBody().write('{');
    ex.getResponseBody().flush();
  }

  private void translate(HttpExchange ex, Map<String, String> p) throws IOException {
    String system = p.get("system");
    String code = p.get("code");
    String mapUrl = p.get("url");
    String target = p.get("targetsystem");
    List<Mapping> candidates = new ArrayList<>();
    synchronized (mappings) {
      for (Mapping m : mappings) {
        if (mapUrl == null || m.mapUrl().equals(mapUrl)) {
          candidates.add(m);
        }
      }
    }
    if (mapUrl != null && candidates.isEmpty()) {
      send(ex, 404, outcome("not-found", "Unable to find ConceptMap with URI " + mapUrl));
      return;
    }
    if (candidates.stream().noneMatch(m -> m.sourceSystem().equals(system))) {
      send(ex, 404, parameters(false, "No ConceptMap knows the source system " + system).toString());
      return;
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode ps = out.put("resourceType", "Parameters").putArray("parameter");
    ObjectNode result = ps.addObject().put("name", "result");
    boolean any = false;
    for (Mapping m : candidates) {
      if (!m.sourceSystem().equals(system) || !m.sourceCode().equals(code)
          || target != null && !target.equals(m.targetSystem())) {
        continue;
      }
      any |= !m.equivalence().equals("unmatched") && !m.equivalence().equals("disjoint");
      ArrayNode parts = ps.addObject().put("name", "match").putArray("part");
      parts.addObject().put("name", "equivalence").put("valueCode", m.equivalence());
      if (m.targetCode() != null) {
        ObjectNode coding = parts.addObject().put("name", "concept").putObject("valueCoding");
        coding.put("system", m.targetSystem()).put("code", m.targetCode());
        if (m.targetDisplay() != null) {
          coding.put("display", m.targetDisplay());
        }
      }
      parts.addObject().put("name", "source").put("valueUri", m.mapUrl());
    }
    result.put("valueBoolean", any);
    if (!any) {
      ps.insertObject(1).put("name", "message").put("valueString", "No mappings could be found for " + code
          + " (" + system + ")");
    }
    send(ex, 200, out.toString());
  }

  private void validateInCodeSystem(HttpExchange ex, Map<String, String> p) throws IOException {
    String system = p.get("url");
    String code = p.get("code");
    Map<String, String> codes = codeSystems.get(system);
    if (codes == null) {
      send(ex, 404, parameters(false, "Unknown code system '" + system + "'").toString());
      return;
    }
    if (!codes.containsKey(code)) {
      send(ex, 200, parameters(false, "Unknown code '" + code + "' in the CodeSystem '" + system + "'").toString());
      return;
    }
    send(ex, 200, checkDisplay(system, code, codes.get(code), p.get("display")));
  }

  private void validateInValueSet(HttpExchange ex, Map<String, String> p) throws IOException {
    ValueSet vs = valueSets.get(p.get("url"));
    if (vs == null) {
      send(ex, 404, outcome("not-found", "Unable to find value set " + p.get("url")));
      return;
    }
    for (Concept c : flatten(vs.concepts(), new ArrayList<>())) {
      if (Objects.equals(c.system(), p.get("system")) && Objects.equals(c.code(), p.get("code"))) {
        send(ex, 200, checkDisplay(c.system(), c.code(), c.display(), p.get("display")));
        return;
      }
    }
    send(ex, 200, parameters(false, "The code '" + p.get("system") + "#" + p.get("code")
        + "' is not in the value set '" + vs.url() + "'").toString());
  }

  private void expand(HttpExchange ex, Map<String, String> p) throws IOException {
    ValueSet vs = valueSets.get(p.get("url"));
    String version = p.get("valueSetVersion");
    if (vs == null || version != null && !version.equals(vs.version())) {
      send(ex, 404, outcome("not-found", "ValueSet " + p.get("url") + (version == null ? "" : "|" + version)
          + " not found"));
      return;
    }
    int total = vs.concepts().size();
    int offset = Integer.parseInt(p.getOrDefault("offset", "0"));
    int count = Math.min(Integer.parseInt(p.getOrDefault("count", Integer.toString(total))), maxPageSize);
    ObjectNode out = JSON.createObjectNode().put("resourceType", "ValueSet").put("url", vs.url());
    if (vs.version() != null) {
      out.put("version", vs.version());
    }
    out.put("status", "active");
    ObjectNode expansion = out.putObject("expansion");
    expansion.put("identifier", "urn:uuid:" + UUID.randomUUID()).put("timestamp", "2024-01-01T00:00:00Z");
    expansion.put("total", total).put("offset", offset);
    ArrayNode ps = expansion.putArray("parameter");
    ps.addObject().put("name", "offset").put("valueInteger", offset);
    ps.addObject().put("name", "count").put("valueInteger", count);
    List<Concept> page = vs.concepts().subList(Math.min(offset, total), Math.min(offset + count, total));
    if (!page.isEmpty()) {
      ArrayNode contains = expansion.putArray("contains");
      for (Concept c : page) {
        contains.add(entry(c));
      }
    }
    send(ex, 200, out.toString());
  }

  private static ObjectNode entry(Concept c) {
    ObjectNode e = JSON.createObjectNode();
    if (c.code() == null) {
      e.put("abstract", true);
    } else {
      e.put("system", c.system()).put("code", c.code());
    }
    if (c.display() != null) {
      e.put("display", c.display());
    }
    if (!c.children().isEmpty()) {
      ArrayNode nested = e.putArray("contains");
      c.children().forEach(child -> nested.add(entry(child)));
    }
    return e;
  }

  private static List<Concept> flatten(List<Concept> concepts, List<Concept> out) {
    for (Concept c : concepts) {
      out.add(c);
      flatten(c.children(), out);
    }
    return out;
  }

  private static String checkDisplay(String system, String code, String display, String asked) {
    if (asked != null && !asked.equals(display)) {
      ObjectNode p = parameters(false, "Wrong display name '" + asked + "' for " + system + "#" + code
          + "; should be '" + display + "'");
      ((ArrayNode) p.get("parameter")).addObject().put("name", "display").put("valueString", display);
      return p.toString();
    }
    ObjectNode p = parameters(true, null);
    ((ArrayNode) p.get("parameter")).addObject().put("name", "display").put("valueString", display);
    return p.toString();
  }

  private static ObjectNode parameters(boolean result, String message) {
    ObjectNode p = JSON.createObjectNode().put("resourceType", "Parameters");
    ArrayNode ps = p.putArray("parameter");
    ps.addObject().put("name", "result").put("valueBoolean", result);
    if (message != null) {
      ps.addObject().put("name", "message").put("valueString", message);
    }
    return p;
  }

  private static String outcome(String code, String diagnostics) {
    ObjectNode o = JSON.createObjectNode().put("resourceType", "OperationOutcome");
    o.putArray("issue").addObject().put("severity", "error").put("code", code).put("diagnostics", diagnostics);
    return o.toString();
  }

  private static Map<String, String> params(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/fhir+json;charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }
}
