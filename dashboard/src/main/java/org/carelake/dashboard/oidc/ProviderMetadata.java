package org.carelake.dashboard.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard needs from {@code <issuer>/.well-known/openid-configuration}. The issuer must be the configured
 * one exactly (OpenID Connect Discovery 1.0, section 4.3), endpoints must be HTTPS (plain HTTP only on the loopback
 * interface, for a provider on the same machine or in tests), and the client authentication is the first of
 * client_secret_basic, client_secret_post the provider offers (basic when it lists none, the specification's default).
 */
record ProviderMetadata(URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri, ClientAuth clientAuth) {
  /** How the client proves itself at the token endpoint. */
  enum ClientAuth { BASIC, POST, NONE }

  static ProviderMetadata parse(String json, String expectedIssuer, boolean hasSecret) throws OidcException {
    Map<String, Object> doc;
    try {
      doc = JSONObjectUtils.parse(json);
    } catch (ParseException e) {
      throw bad("the discovery document is not a JSON object");
    }
    Object issuer = doc.get("issuer");
    if (!expectedIssuer.equals(issuer)) {
      throw bad("the discovery document names issuer " + issuer + ", not the configured " + expectedIssuer);
    }
    List<String> methods = strings(doc.get("code_challenge_methods_supported"));
    if (methods != null && !methods.contains("S256")) {
      throw bad("the provider does not support PKCE with S256");
    }
    List<String> responseTypes = strings(doc.get("response_types_supported"));
    if (responseTypes != null && !responseTypes.contains("code")) {
      throw bad("the provider does not support the authorization code flow");
    }
    return new ProviderMetadata(endpoint(doc, "authorization_endpoint"), endpoint(doc, "token_endpoint"),
        endpoint(doc, "jwks_uri"), clientAuth(strings(doc.get("token_endpoint_auth_methods_supported")), hasSecret));
  }

  private static ClientAuth clientAuth(List<String> offered, boolean hasSecret) throws OidcException {
    if (!hasSecret) {
      if (offered != null && !offered.contains("none")) {
        throw bad("no client-secret-file is configured, and the provider does not accept public clients (none)");
      }
      return ClientAuth.NONE;
    }
    if (offered == null || offered.contains("client_secret_basic")) {
      return ClientAuth.BASIC;
    }
    if (offered.contains("client_secret_post")) {
      return ClientAuth.POST;
    }
    throw bad("the token endpoint accepts neither client_secret_basic nor client_secret_post: " + offered);
  }

  private static URI endpoint(Map<String, Object> doc, String key) throws OidcException {
    if (!(doc.get(key) instanceof String s) || s.isBlank()) {
      throw bad("the discovery document has no " + key);
    }
    URI u;
    try {
      u = URI.create(s);
    } catch (IllegalArgumentException e) {
      throw bad(key + " is not a URL");
    }
    try {
      requireSecureOrLoopback(key, u);
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    }
    return u;
  }

  /** HTTPS, or HTTP to the loopback interface (tokens and codes never cross a network in clear text). */
  static void requireSecureOrLoopback(String what, URI u) {
    String host = u.getHost();
    boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
    if (!"https".equals(u.getScheme()) && !("http".equals(u.getScheme()) && loopback)) {
      throw new IllegalArgumentException(what + " must be an https URL (http only for localhost): " + u);
    }
  }

  private static List<String> strings(Object o) {
    if (!(o instanceof List<?> list)) {
      return null;
    }
    return list.stream().map(String::valueOf).toList();
  }

  private static OidcException bad(String reason) {
    return new OidcException(OidcException.Kind.PROVIDER, "bad discovery: " + reason,
        "The sign-in provider's configuration could not be used. Ask your administrator to check the log.");
  }
}
