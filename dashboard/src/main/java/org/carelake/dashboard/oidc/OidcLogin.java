package org.carelake.dashboard.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.carelake.dashboard.auth.User;
import org.carelake.dashboard.auth.UserStore;

/**
 * Sign-in with an OpenID Connect provider: the authorization code flow with PKCE (S256), {@code state} bound to the
 * browser and {@code nonce}. {@link #start} gives the provider URL to send the browser to; {@link #finish} takes
 * what the provider sent back and returns the local user to open a session for, or says why not.
 */
public final class OidcLogin {
  private final OidcSettings settings;
  private final ProviderClient client;
  private final PendingLogins pending;
  private final IdTokenVerifier verifier;
  private final IdentityMapper mapper;
  private final OidcAccounts accounts;

  public OidcLogin(OidcSettings settings, UserStore users, Clock clock) {
    this.settings = settings;
    this.client = new ProviderClient(settings, readSecret(settings), clock);
    this.pending = new PendingLogins(clock);
    this.verifier = new IdTokenVerifier(settings, new ProviderKeys(client), clock);
    this.mapper = new IdentityMapper(settings);
    this.accounts = new OidcAccounts(users, settings.issuer());
  }

  public OidcSettings settings() {
    return settings;
  }

  /** The provider's authorization URL for a new sign-in of the browser holding {@code binding}. */
  public URI start(String binding) throws OidcException {
    ProviderMetadata m = client.metadata();
    PendingLogins.Pending p = pending.start(binding);
    Map<String, String> q = new LinkedHashMap<>();
    q.put("response_type", "code");
    q.put("client_id", settings.clientId());
    q.put("redirect_uri", settings.redirectUri().toString());
    q.put("scope", settings.scopes());
    q.put("state", p.state());
    q.put("nonce", p.nonce());
    q.put("code_challenge", p.challenge());
    q.put("code_challenge_method", "S256");
    String query = q.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
        StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    String endpoint = m.authorizationEndpoint().toString();
    return URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + query);
  }

  /**
   * Finishes the sign-in of {@code state} for the browser holding {@code binding}: the state is used up first, then
   * the provider's error (if it sent one) or the code is exchanged and the ID token verified and mapped.
   */
  public User finish(String state, String code, String providerError, String binding) throws OidcException {
    PendingLogins.Pending p = pending.finish(state, binding);
    if (providerError != null) {
      throw new OidcException(OidcException.Kind.OAUTH_ERROR, "authorization error: " + token(providerError),
          "The sign-in provider did not sign you in: " + providerError + ".");
    }
    if (code == null || code.isBlank()) {
      throw new OidcException(OidcException.Kind.OAUTH_ERROR, "authorization answer without a code",
          "The sign-in provider sent no authorization code. Start again.");
    }
    ProviderMetadata m = client.metadata();
    ProviderClient.TokenResult t = client.exchange(m, code, p.verifier());
    if (t.idToken() == null) {
      throw new OidcException(OidcException.Kind.OAUTH_ERROR, "token endpoint error: " + token(t.error()),
          "The sign-in provider refused the sign-in: " + t.error()
              + (t.errorDescription() == null ? "" : " (" + t.errorDescription() + ")") + ".");
    }
    JWTClaimsSet claims = verifier.verify(t.idToken(), m, p.nonce());
    return accounts.signIn(mapper.map(claims));
  }

  /** An OAuth error code for the log: its own characters only (RFC 6749 limits them), cut short. */
  private static String token(String error) {
    String s = error == null ? "" : error.replaceAll("[^\\x20-\\x7e]", "?");
    return s.length() > 80 ? s.substring(0, 80) : s;
  }

  private static String readSecret(OidcSettings settings) {
    if (settings.clientSecretFile() == null) {
      return null;
    }
    try {
      String secret = Files.readString(settings.clientSecretFile(), StandardCharsets.UTF_8).strip();
      if (secret.isEmpty()) {
        throw new IllegalArgumentException("dashboard.oidc.client-secret-file is empty: "
            + settings.clientSecretFile());
      }
      return secret;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read dashboard.oidc.client-secret-file "
          + settings.clientSecretFile() + " (" + e.getClass().getSimpleName() + ")");
    }
  }
}
