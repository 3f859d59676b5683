package org.carelake.ingestion.fhir.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Bulk Data server on loopback for tests: kick-off (202 + Content-Location), status (202 with Retry-After and
 * X-Progress, one 429, then the manifest), DELETE, NDJSON files with Range support, and a SMART token endpoint that
 * verifies the client assertion's signature against the registered public keys and its claims. What clients asked is
 * recorded for the assertions.
 */
final class FakeBulkServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  /** One manifest entry: role output/deleted/error, type, and the file it serves. */
  record Entry(String role, String type, String file) {}

  /** One recorded request. */
  record Seen(String method, String path, String query, Map<String, String> headers) {}

  private final HttpServer http;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  final String base;
  final String tokenUrl;

  // What the server exports.
  final Map<String, byte[]> files = new ConcurrentHashMap<>();
  final List<Entry> entries = new CopyOnWriteArrayList<>();
  volatile String transactionTime = "2026-03-01T10:00:00.000Z";
  volatile Boolean requiresAccessToken = true;

  // How it behaves.
  volatile int pollsInProgress = 2;
  volatile boolean tooManyRequestsOnce = true;
  volatile boolean neverFinish;
  volatile String kickOffError;
  /** When not 0, every status poll answers with this HTTP status. */
  volatile int statusFailure;
  final Map<String, Integer> failOnce = new ConcurrentHashMap<>();
  volatile String stallFile;
  volatile int stallAfter;
  private final AtomicBoolean stalled = new AtomicBoolean();
  private final CountDownLatch released = new CountDownLatch(1);

  // Auth.
  volatile boolean requireToken;
  volatile JWKSet clientKeys;
  volatile String clientId = "carelake-test";
  volatile long tokenSeconds = 300;
  /** A token is refused (401, as if expired) once it has been used this many times. */
  volatile int tokenUses = Integer.MAX_VALUE;
  private final Map<String, AtomicInteger> tokens = new ConcurrentHashMap<>();
  final Set<String> jtis = ConcurrentHashMap.newKeySet();
  final List<String> tokenErrors = new CopyOnWriteArrayList<>();

  // What clients did.
  final List<Seen> seen = new CopyOnWriteArrayList<>();
  final AtomicInteger kickOffs = new AtomicInteger();
  final AtomicInteger polls = new AtomicInteger();
  final AtomicInteger deletes = new AtomicInteger();
  final AtomicInteger tokensIssued = new AtomicInteger();
  private final Map<Integer, Boolean> cancelled = new ConcurrentHashMap<>();
  private final AtomicInteger jobs = new AtomicInteger();
  private volatile boolean sent429;

  FakeBulkServer() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.setExecutor(pool);
    http.createContext("/", this::handle);
    http.start();
    String root = "http://127.0.0.1:" + http.getAddress().getPort();
    base = root + "/fhir";
    tokenUrl = root + "/auth/token";
  }

  /** Adds a file to the manifest. */
  FakeBulkServer serve(String role, String type, String file, byte[] content) {
    files.put(file, content);
    entries.add(new Entry(role, type, file));
    return this;
  }

  List<Seen> requests(String pathPrefix) {
    return seen.stream().filter(s -> s.path().startsWith(pathPrefix)).toList();
  }

  /** The Range headers (or "" for none) of the requests of one file, in order. */
  List<String> ranges(String file) {
    return requests("/files/" + file).stream().map(s -> s.headers().getOrDefault("range", "")).toList();
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getRawPath();
      Map<String, String> headers = new LinkedHashMap<>();
      ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
      seen.add(new Seen(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(), headers));
      if (path.equals("/auth/token")) {
        token(ex);
      } else if (path.equals("/fhir/.well-known/smart-configuration")) {
        send(ex, 200, "application/json", JSON.writeValueAsString(Map.of("token_endpoint", tokenUrl,
            "token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384"))));
      } else if (requireToken && !authorized(ex) && !(path.startsWith("/files/") && Boolean.FALSE.equals(
          requiresAccessToken))) {
        send(ex, 401, "application/fhir+json", outcome("login", "missing, invalid or expired access token"));
      } else if (path.endsWith("/$export")) {
        kickOff(ex, path);
      } else if (path.startsWith("/fhir/status/")) {
        status(ex, Integer.parseInt(path.substring("/fhir/status/".length())));
      } else if (path.startsWith("/files/")) {
        file(ex, path.substring("/files/".length()));
      } else {
        send(ex, 404, "application/fhir+json", outcome("not-found", "no such endpoint " + path));
      }
    } finally {
      ex.close();
    }
  }

  private void kickOff(HttpExchange ex, String path) throws IOException {
    kickOffs.incrementAndGet();
    var h = ex.getRequestHeaders();
    if (!"respond-async".equals(h.getFirst("Prefer")) || !"application/fhir+json".equals(h.getFirst("Accept"))) {
      send(ex, 400, "application/fhir+json", outcome("invalid", "kick-off needs Prefer: respond-async and Accept: "
          + "application/fhir+json"));
      return;
    }
    if (kickOffError != null) {
      send(ex, 400, "application/fhir+json", outcome("invalid", kickOffError));
      return;
    }
    int job = jobs.incrementAndGet();
    ex.getResponseHeaders().add("Content-Location", base + "/status/" + job);
    ex.sendResponseHeaders(202, -1);
  }

  private void status(HttpExchange ex, int job) throws IOException {
    if (ex.getRequestMethod().equals("DELETE")) {
      deletes.incrementAndGet();
      cancelled.put(job, true);
      ex.sendResponseHeaders(202, -1);
      return;
    }
    if (cancelled.containsKey(job)) {
      send(ex, 404, "application/fhir+json", outcome("not-found", "export " + job + " was deleted"));
      return;
    }
    int n = polls.incrementAndGet();
    if (statusFailure != 0) {
      send(ex, statusFailure, "application/fhir+json", outcome("exception", "status store unavailable"));
      return;
    }
    if (tooManyRequestsOnce && !sent429) {
      sent429 = true;
      ex.getResponseHeaders().add("Retry-After", "2");
      send(ex, 429, "application/fhir+json", outcome("throttled", "slow down"));
      return;
    }
    if (neverFinish || n <= pollsInProgress) {
      ex.getResponseHeaders().add("Retry-After", "1");
      ex.getResponseHeaders().add("X-Progress", (neverFinish ? 10 : 100 * n / (pollsInProgress + 1)) + "% done");
      ex.sendResponseHeaders(202, -1);
      return;
    }
    ObjectNode m = JSON.createObjectNode();
    m.put("transactionTime", transactionTime);
    m.put("request", base + "/$export");
    if (requiresAccessToken != null) {
      m.put("requiresAccessToken", requiresAccessToken);
    }
    ArrayNode output = m.putArray("output");
    ArrayNode deleted = m.putArray("deleted");
    ArrayNode error = m.putArray("error");
    String filesBase = base.replace("/fhir", "/files/");
    for (Entry e : entries) {
      ArrayNode target = e.role().equals("deleted") ? deleted : e.role().equals("error") ? error : output;
      target.addObject().put("type", e.type()).put("url", filesBase + e.file());
    }
    send(ex, 200, "application/json", JSON.writeValueAsString(m));
  }

  private void file(HttpExchange ex, String name) throws IOException {
    byte[] content = files.get(name);
    if (content == null) {
      send(ex, 404, "application/fhir+json", outcome("not-found", "no file " + name));
      return;
    }
    Integer fail = failOnce.remove(name);
    if (fail != null) {
      ex.getResponseHeaders().add("Retry-After", "1");
      send(ex, fail, "application/fhir+json", outcome("transient", "busy, try again"));
      return;
    }
    ex.getResponseHeaders().add("Content-Type", "application/fhir+ndjson");
    ex.getResponseHeaders().add("Accept-Ranges", "bytes");
    String range = ex.getRequestHeaders().getFirst("Range");
    int from = 0;
    if (range != null) {
      Matcher m = RANGE.matcher(range);
      if (!m.matches()) {
        ex.sendResponseHeaders(400, -1);
        return;
      }
      from = Integer.parseInt(m.group(1));
      if (from >= content.length) {
        ex.getResponseHeaders().add("Content-Range", "bytes */" + content.length);
        ex.sendResponseHeaders(416, -1);
        return;
      }
      ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
      ex.sendResponseHeaders(206, content.length - from);
    } else {
      ex.sendResponseHeaders(200, content.length);
    }
    OutputStream out = ex.getResponseBody();
    if (name.equals(stallFile) && stalled.compareAndSet(false, true)) {
      // The first download of this file stops half way and hangs, as a server does when the client dies.
      out.write(content, 0, stallAfter);
      out.flush();
      try {
        released.await(2, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    out.write(content, from, content.length - from);
  }

  private void token(HttpExchange ex) throws IOException {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    String problem = verifyAssertion(form);
    if (problem != null) {
      tokenErrors.add(problem);
      send(ex, 401, "application/json", JSON.writeValueAsString(Map.of("error", "invalid_client",
          "error_description", problem)));
      return;
    }
    String token = "tok-" + tokensIssued.incrementAndGet() + "-" + UUID.randomUUID();
    tokens.put(token, new AtomicInteger());
    send(ex, 200, "application/json", JSON.writeValueAsString(Map.of("access_token", token, "token_type", "bearer",
        "expires_in", tokenSeconds, "scope", form.get("scope"))));
  }

  /** Null when the grant is acceptable, else why not. */
  private String verifyAssertion(Map<String, String> form) {
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return "grant_type must be client_credentials";
    }
    if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))) {
      return "wrong client_assertion_type";
    }
    if (form.get("scope") == null) {
      return "no scope";
    }
    try {
      SignedJWT jwt = SignedJWT.parse(form.get("client_assertion"));
      String alg = jwt.getHeader().getAlgorithm().getName();
      if (!alg.equals("RS384") && !alg.equals("ES384")) {
        return "alg " + alg + " not accepted";
      }
      JWK key = clientKeys.getKeyByKeyId(jwt.getHeader().getKeyID());
      if (key == null) {
        return "unknown kid " + jwt.getHeader().getKeyID();
      }
      JWSVerifier verifier = key instanceof RSAKey rsa ? new RSASSAVerifier(rsa) : new ECDSAVerifier((ECKey) key);
      if (!jwt.verify(verifier)) {
        return "signature does not verify";
      }
      JWTClaimsSet c = jwt.getJWTClaimsSet();
      Date now = new Date();
      if (!clientId.equals(c.getIssuer()) || !clientId.equals(c.getSubject())) {
        return "iss and sub must be the client id";
      }
      if (!List.of(tokenUrl).equals(c.getAudience())) {
        return "aud must be the token URL, was " + c.getAudience();
      }
      if (c.getExpirationTime() == null || c.getExpirationTime().before(now)
          || c.getExpirationTime().toInstant().isAfter(now.toInstant().plus(Duration.ofMinutes(5)).plusSeconds(5))) {
        return "exp must be in the future and at most five minutes away";
      }
      if (c.getJWTID() == null || !jtis.add(c.getJWTID())) {
        return "jti missing or reused";
      }
      return null;
    } catch (Exception e) {
      return "bad assertion: " + e.getMessage();
    }
  }

  private boolean authorized(HttpExchange ex) {
    String h = ex.getRequestHeaders().getFirst("Authorization");
    if (h == null || !h.startsWith("Bearer ")) {
      return false;
    }
    AtomicInteger uses = tokens.get(h.substring("Bearer ".length()));
    return uses != null && uses.incrementAndGet() <= tokenUses;
  }

  /** Registers a static token the server accepts. */
  void acceptToken(String token) {
    tokens.put(token, new AtomicInteger());
  }

  static String outcome(String code, String diagnostics) {
    try {
      return JSON.writeValueAsString(Map.of("resourceType", "OperationOutcome", "issue", List.of(Map.of(
          "severity", "error", "code", code, "diagnostics", diagnostics))));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  /** Every decoded value of one query parameter of a request. */
  static List<String> param(Seen s, String name) {
    List<String> out = new ArrayList<>();
    if (s.query() == null) {
      return out;
    }
    for (String pair : s.query().split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        out.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return Collections.unmodifiableList(out);
  }

  static JsonNode json(String s) throws IOException {
    return JSON.readTree(s);
  }

  @Override
  public void close() {
    released.countDown();
    http.stop(0);
    pool.shutdownNow();
  }
}
