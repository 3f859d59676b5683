package org.carelake.dashboard;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A small OpenID provider on a loopback port, as strict as a real one where the dashboard's side is tested: discovery,
 * an authorize endpoint that signs in whoever the test names and redirects back with a code, a token endpoint that
 * checks the client's credentials, the redirect URI, single use of the code and the PKCE verifier (S256) before it
 * returns an ID token signed with an RSA key made here, and the JWKS with that key's public half.
 */
final class TestOidcProvider implements AutoCloseable {
  static final String CLIENT_ID = "carelake-dashboard";
  /** With characters the client must form-encode for HTTP Basic (RFC 6749 2.3.1). */
  static final String SECRET = "s3cret/" + UUID.randomUUID() + "+:";
  final RSAKey key;
  private final HttpServer http;
  private final String issuer;
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  /** The claims of whoever signs in next (beyond iss, sub, aud, exp, iat, nonce). */
  volatile Map<String, Object> user = Map.of();
  /** Changes the next ID tokens' claims (tests of a provider gone wrong or an attacker's token). */
  volatile UnaryOperator<JWTClaimsSet.Builder> tamper = b -> b;
  /** The key the ID tokens are signed with; another one than the JWKS's is a bad signature. */
  volatile RSAKey signingKey;
  /** The keys the JWKS publishes (a rotation adds one). */
  volatile List<RSAKey> published;
  /** Client authentication methods discovery offers; the token endpoint accepts only these. */
  volatile List<String> authMethods = List.of("client_secret_basic");
  volatile String redirectUri;
  /** When set, discovery names this issuer instead of the real one. */
  volatile String discoveryIssuer;
  final List<String> tokenRequestAuth = new ArrayList<>();

  private record Grant(Map<String, Object> user, String nonce, String challenge, String redirectUri, boolean[] used) {}

  TestOidcProvider() {
    try {
      key = new RSAKeyGenerator(2048).keyID("test-key-1").generate();
      signingKey = key;
      published = List.of(key);
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (JOSEException | IOException e) {
      throw new IllegalStateException(e);
    }
    issuer = "http://127.0.0.1:" + http.getAddress().getPort() + "/realms/test";
    http.createContext("/realms/test/.well-known/openid-configuration", ex -> json(ex, 200, discovery()));
    http.createContext("/realms/test/protocol/openid-connect/auth", this::authorize);
    http.createContext("/realms/test/protocol/openid-connect/token", this::token);
    http.createContext("/realms/test/protocol/openid-connect/certs",
        ex -> json(ex, 200, new JWKSet(published.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK())
            .toList()).toString()));
    http.start();
  }

  String issuer() {
    return issuer;
  }

  /** A new RSA key; under the JWKS key's kid it is what a forger without the provider's private key signs with. */
  static RSAKey newKey(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private String discovery() {
    Map<String, Object> d = new HashMap<>();
    d.put("issuer", discoveryIssuer == null ? issuer : discoveryIssuer);
    d.put("authorization_endpoint", issuer + "/protocol/openid-connect/auth");
    d.put("token_endpoint", issuer + "/protocol/openid-connect/token");
    d.put("jwks_uri", issuer + "/protocol/openid-connect/certs");
    d.put("response_types_supported", List.of("code"));
    d.put("code_challenge_methods_supported", List.of("plain", "S256"));
    d.put("token_endpoint_auth_methods_supported", authMethods);
    d.put("id_token_signing_alg_values_supported", List.of("RS256"));
    return JSONObjectUtils.toJSONString(d);
  }

  private void authorize(HttpExchange ex) throws IOException {
    Map<String, String> q = parse(ex.getRequestURI().getRawQuery());
    if (!CLIENT_ID.equals(q.get("client_id")) || !q.getOrDefault("redirect_uri", "").equals(redirectUri)
        || !"code".equals(q.get("response_type")) || !"S256".equals(q.get("code_challenge_method"))
        || q.get("code_challenge") == null || q.get("state") == null || q.get("nonce") == null
        || !q.getOrDefault("scope", "").contains("openid")) {
      json(ex, 400, "{\"error\":\"invalid_request\"}");
      return;
    }
    String code = UUID.randomUUID().toString();
    codes.put(code, new Grant(user, q.get("nonce"), q.get("code_challenge"), q.get("redirect_uri"), new boolean[1]));
    ex.getResponseHeaders().set("Location", q.get("redirect_uri") + "?code=" + code + "&state="
        + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
    ex.sendResponseHeaders(302, -1);
    ex.close();
  }

  private void token(HttpExchange ex) throws IOException {
    Map<String, String> f = parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String method = auth != null ? "client_secret_basic" : f.containsKey("client_secret") ? "client_secret_post"
        : "none";
    synchronized (tokenRequestAuth) {
      tokenRequestAuth.add(method);
    }
    boolean clientOk = authMethods.contains(method) && switch (method) {
      case "client_secret_basic" -> auth.equals("Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":"
          + URLEncoder.encode(SECRET, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
      case "client_secret_post" -> CLIENT_ID.equals(f.get("client_id")) && SECRET.equals(f.get("client_secret"));
      default -> false;
    };
    if (!clientOk) {
      json(ex, 401, "{\"error\":\"invalid_client\"}");
      return;
    }
    Grant g = f.get("code") == null ? null : codes.get(f.get("code"));
    if (!"authorization_code".equals(f.get("grant_type")) || g == null) {
      json(ex, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"unknown code\"}");
      return;
    }
    synchronized (g.used()) {
      if (g.used()[0]) {
        json(ex, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Code already used\"}");
        return;
      }
      g.used()[0] = true;
    }
    if (!g.redirectUri().equals(f.get("redirect_uri"))) {
      json(ex, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"redirect_uri differs\"}");
      return;
    }
    String verifier = f.get("code_verifier");
    if (verifier == null || !g.challenge().equals(s256(verifier))) {
      json(ex, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"PKCE verification failed\"}");
      return;
    }
    json(ex, 200, JSONObjectUtils.toJSONString(Map.of("access_token", UUID.randomUUID().toString(),
        "token_type", "Bearer", "expires_in", 300, "id_token", idToken(g))));
  }

  private String idToken(Grant g) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(issuer).audience(CLIENT_ID)
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).claim("nonce", g.nonce())
        .claim("auth_time", now.getEpochSecond());
    g.user().forEach(b::claim);
    if (!g.user().containsKey("sub")) {
      b.subject("sub-" + String.valueOf(g.user().get("preferred_username")).toLowerCase(java.util.Locale.ROOT));
    }
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
        .type(JOSEObjectType.JWT).build(), tamper.apply(b).build());
    try {
      jwt.sign(new RSASSASigner(signingKey));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  static String s256(String verifier) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
          .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> parse(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static void json(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
