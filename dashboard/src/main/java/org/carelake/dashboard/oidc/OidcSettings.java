package org.carelake.dashboard.oidc;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code dashboard.oidc.*} keys, checked. OIDC is on when {@code issuer} is set; then client id, redirect URI and
 * (for a confidential client) the secret file must be there too, so a half-configured login fails at start rather
 * than at the first user. The secret itself is read by {@link OidcLogin}, never kept here (records print their
 * fields).
 */
public record OidcSettings(String issuer, String clientId, Path clientSecretFile, URI redirectUri, String roleClaim,
    String organizationsClaim, String usernameClaim, String providerName, String scopes) {
  public static final String DEFAULT_ROLE_CLAIM = "carelake_role";
  public static final String DEFAULT_ORGANIZATIONS_CLAIM = "carelake_organizations";
  public static final String DEFAULT_USERNAME_CLAIM = "preferred_username";

  /** Empty when no issuer is configured; throws naming the key when the rest is missing or malformed. */
  public static Optional<OidcSettings> from(Map<String, String> keys) {
    String issuer = blankToNull(keys.get("issuer"));
    if (issuer == null) {
      if (!keys.isEmpty()) {
        throw new IllegalArgumentException("dashboard.oidc.* is set but dashboard.oidc.issuer is not");
      }
      return Optional.empty();
    }
    URI issuerUri = uri("issuer", issuer);
    ProviderMetadata.requireSecureOrLoopback("dashboard.oidc.issuer", issuerUri);
    String clientId = required(keys, "client-id");
    String redirect = required(keys, "redirect-uri");
    URI redirectUri = uri("redirect-uri", redirect);
    if (!redirectUri.getPath().endsWith("/oidc/callback")) {
      throw new IllegalArgumentException("dashboard.oidc.redirect-uri must end in /oidc/callback: " + redirect);
    }
    String secret = blankToNull(keys.get("client-secret-file"));
    String name = blankToNull(keys.get("provider-name"));
    return Optional.of(new OidcSettings(issuer, clientId, secret == null ? null : Path.of(secret), redirectUri,
        orDefault(keys, "role-claim", DEFAULT_ROLE_CLAIM),
        orDefault(keys, "organizations-claim", DEFAULT_ORGANIZATIONS_CLAIM),
        orDefault(keys, "username-claim", DEFAULT_USERNAME_CLAIM),
        name == null ? issuerUri.getHost() : name, orDefault(keys, "scopes", "openid profile")));
  }

  /** What the operator is told at start: where users sign in (no secret). */
  public String describe() {
    return issuer + " (client " + clientId + ", " + (clientSecretFile == null ? "public client" : "client secret")
        + ", redirect " + redirectUri + ")";
  }

  private static String required(Map<String, String> keys, String key) {
    String v = blankToNull(keys.get(key));
    if (v == null) {
      throw new IllegalArgumentException("dashboard.oidc.issuer is set, so dashboard.oidc." + key + " is needed too");
    }
    return v;
  }

  private static String orDefault(Map<String, String> keys, String key, String fallback) {
    String v = blankToNull(keys.get(key));
    return v == null ? fallback : v;
  }

  private static URI uri(String key, String value) {
    try {
      URI u = URI.create(value);
      if (u.getScheme() == null || u.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("dashboard.oidc." + key + " is not an absolute URL: " + value);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
