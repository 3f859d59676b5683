package org.carelake.ingestion.fhir.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * SMART Backend Services: access tokens from the client-credentials grant with a signed JWT assertion, cached and
 * fetched anew shortly before they expire (or at once after a 401), so a long export never runs on a dead token.
 */
public final class SmartBackendAuth implements AccessTokenSource {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration MAX_MARGIN = Duration.ofMinutes(1);
  private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

  private final URI server;
  private final URI configuredTokenUrl;
  private final String scope;
  private final ClientAssertion assertion;
  private final BulkHttp http;
  private final Clock clock;
  private URI tokenUrl;
  private String token;
  private Instant refreshAt;

  /**
   * @param tokenUrl the token endpoint, or null to read it from {@code [server]/.well-known/smart-configuration}
   * @param http a client without auth of its own (the token request carries the assertion instead)
   */
  public SmartBackendAuth(URI server, URI tokenUrl, String clientId, String scope, SmartKeys.SigningKey key,
      BulkHttp http, Clock clock) {
    this.server = server;
    this.configuredTokenUrl = tokenUrl;
    this.scope = scope;
    this.assertion = new ClientAssertion(key, clientId);
    this.http = http;
    this.clock = clock;
  }

  @Override
  public synchronized String authorization() {
    if (token == null || !clock.instant().isBefore(refreshAt)) {
      fetch();
    }
    return "Bearer " + token;
  }

  @Override
  public synchronized boolean rejected(String authorization) {
    if (token != null && authorization.equals("Bearer " + token)) {
      token = null;
    }
    return true;
  }

  @Override
  public boolean refreshable() {
    return true;
  }

  @Override
  public String describe() {
    return "SMART backend services (" + assertion.describe() + ", scope " + scope + ")";
  }

  @Override
  public synchronized String redact(String text) {
    return text == null || token == null ? text : text.replace(token, "<redacted>");
  }

  private void fetch() {
    URI endpoint = tokenUrl();
    Instant now = clock.instant();
    // The assertion's iat/exp are checked against the server's clock: wall time, whatever clock keeps our cache.
    String form = "grant_type=client_credentials&scope=" + encode(scope)
        + "&client_assertion_type=" + encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        + "&client_assertion=" + encode(assertion.sign(endpoint, Instant.now()));
    BulkHttp.Reply r = http.call("SMART token request", "POST", endpoint, Map.of("Accept", "application/json"), form,
        false);
    JsonNode body = json(r.body());
    if (r.status() != 200) {
      String error = body == null ? BulkHttp.describe(r.body()) : ": " + body.path("error").asText("?")
          + (body.hasNonNull("error_description") ? " (" + body.path("error_description").asText() + ")" : "");
      throw new BulkExportException("SMART token request to " + endpoint + " was refused: HTTP " + r.status()
          + error + "; check CARELAKE_SMART_CLIENT_ID, the key registered with the server and the scope '" + scope
          + "'", r.status(), null);
    }
    String access = body == null ? null : body.path("access_token").asText(null);
    if (access == null || access.isBlank()) {
      throw new BulkExportException("SMART token response from " + endpoint + " has no access_token", 200, null);
    }
    String type = body.path("token_type").asText("bearer");
    if (!"bearer".equalsIgnoreCase(type)) {
      throw new BulkExportException("SMART token response from " + endpoint + " has token_type '" + type
          + "', expected bearer", 200, null);
    }
    long seconds = body.path("expires_in").asLong(0);
    Duration lifetime = seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME;
    // Refresh a little early: by a quarter of the lifetime, at most a minute.
    Duration margin = lifetime.dividedBy(4).compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : lifetime.dividedBy(4);
    token = access;
    refreshAt = now.plus(lifetime).minus(margin);
  }

  private URI tokenUrl() {
    if (tokenUrl == null) {
      tokenUrl = configuredTokenUrl != null ? configuredTokenUrl : discover();
    }
    return tokenUrl;
  }

  /** The token endpoint the server advertises in its SMART configuration. */
  private URI discover() {
    URI wellKnown = URI.create(server.toString().replaceAll("/+$", "") + "/.well-known/smart-configuration");
    BulkHttp.Reply r = http.call("SMART discovery", "GET", wellKnown, Map.of("Accept", "application/json"), null,
        false);
    JsonNode body = json(r.body());
    String endpoint = r.status() == 200 && body != null ? body.path("token_endpoint").asText(null) : null;
    if (endpoint == null || endpoint.isBlank()) {
      throw new BulkExportException("cannot find the SMART token endpoint: GET " + wellKnown + " returned HTTP "
          + r.status() + (r.status() == 200 ? " without token_endpoint" : BulkHttp.describe(r.body()))
          + "; set CARELAKE_SMART_TOKEN_URL", r.status(), null);
    }
    return wellKnown.resolve(endpoint);
  }

  private static JsonNode json(String body) {
    try {
      JsonNode n = MAPPER.readTree(body);
      return n != null && n.isObject() ? n : null;
    } catch (Exception e) {
      return null;
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return describe();
  }
}
