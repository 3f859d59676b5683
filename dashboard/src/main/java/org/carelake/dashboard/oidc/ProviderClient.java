package org.carelake.dashboard.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The dashboard's side of the conversation with the provider, over the JDK's HttpClient: discovery (cached for an
 * hour; a failure is not cached, so the next sign-in tries again), the JWKS and the token request. Follows no
 * redirects and reads at most a megabyte per answer.
 */
final class ProviderClient {
  static final Duration DISCOVERY_TTL = Duration.ofHours(1);
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final int MAX_BYTES = 1 << 20;
  private final HttpClient http;
  private final OidcSettings settings;
  private final String clientSecret;
  private final Clock clock;
  private volatile Discovered discovered;

  private record Discovered(ProviderMetadata metadata, Instant at) {}

  private record Answer(int status, String body) {}

  /** What the token endpoint answered: the ID token, or the OAuth error. */
  record TokenResult(String idToken, String error, String errorDescription) {}

  ProviderClient(OidcSettings settings, String clientSecret, Clock clock) {
    this.settings = settings;
    this.clientSecret = clientSecret;
    this.clock = clock;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  ProviderMetadata metadata() throws OidcException {
    Discovered d = discovered;
    if (d != null && clock.instant().isBefore(d.at().plus(DISCOVERY_TTL))) {
      return d.metadata();
    }
    String base = settings.issuer().endsWith("/") ? settings.issuer().substring(0, settings.issuer().length() - 1)
        : settings.issuer();
    URI uri = URI.create(base + "/.well-known/openid-configuration");
    Answer r = send(HttpRequest.newBuilder(uri).GET(), "discovery");
    if (r.status() != 200) {
      throw new OidcException(OidcException.Kind.PROVIDER, "bad discovery: HTTP " + r.status() + " from " + uri,
          "The sign-in provider's configuration could not be read. Ask your administrator to check the log.");
    }
    ProviderMetadata m = ProviderMetadata.parse(r.body(), settings.issuer(), clientSecret != null);
    discovered = new Discovered(m, clock.instant());
    return m;
  }

  String jwks(URI uri) throws OidcException {
    Answer r = send(HttpRequest.newBuilder(uri).GET(), "jwks");
    if (r.status() != 200) {
      throw new OidcException(OidcException.Kind.PROVIDER, "jwks: HTTP " + r.status() + " from " + uri,
          "The sign-in provider's keys could not be read. Ask your administrator to check the log.");
    }
    return r.body();
  }

  /** Exchanges the code (with the PKCE verifier) at the token endpoint, authenticating as discovery allows. */
  TokenResult exchange(ProviderMetadata m, String code, String verifier) throws OidcException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", settings.redirectUri().toString());
    form.put("code_verifier", verifier);
    HttpRequest.Builder b = HttpRequest.newBuilder(m.tokenEndpoint())
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
    switch (m.clientAuth()) {
      case BASIC -> b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (formEncode(settings.clientId()) + ":" + formEncode(clientSecret)).getBytes(StandardCharsets.UTF_8)));
      case POST -> {
        form.put("client_id", settings.clientId());
        form.put("client_secret", clientSecret);
      }
      case NONE -> form.put("client_id", settings.clientId());
    }
    String body = form.entrySet().stream().map(e -> formEncode(e.getKey()) + "=" + formEncode(e.getValue()))
        .collect(Collectors.joining("&"));
    Answer r = send(b.POST(HttpRequest.BodyPublishers.ofString(body)), "token endpoint");
    Map<String, Object> json;
    try {
      json = JSONObjectUtils.parse(r.body());
    } catch (ParseException | RuntimeException e) {
      json = Map.of();
    }
    if (r.status() == 200 && json.get("id_token") instanceof String idToken) {
      return new TokenResult(idToken, null, null);
    }
    if (json.get("error") instanceof String error) {
      Object description = json.get("error_description");
      return new TokenResult(null, error, description instanceof String s ? s : null);
    }
    return new TokenResult(null, r.status() == 200 ? "no id_token in the answer" : "HTTP " + r.status(), null);
  }

  private Answer send(HttpRequest.Builder b, String what) throws OidcException {
    HttpRequest req = b.timeout(TIMEOUT).build();
    HttpResponse<byte[]> r;
    try {
      r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new OidcException(OidcException.Kind.PROVIDER, "provider unreachable: " + what + " at "
          + req.uri().getHost() + ":" + req.uri().getPort() + " (" + e.getClass().getSimpleName() + ")",
          "The sign-in provider cannot be reached. Try again later, or log in with a local account.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OidcException(OidcException.Kind.PROVIDER, "interrupted while calling the " + what,
          "The sign-in was interrupted. Try again.", e);
    }
    if (r.body().length > MAX_BYTES) {
      throw new OidcException(OidcException.Kind.PROVIDER, what + ": answer over " + MAX_BYTES + " bytes",
          "The sign-in provider answered with something unexpected. Ask your administrator to check the log.");
    }
    return new Answer(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
  }

  private static String formEncode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
