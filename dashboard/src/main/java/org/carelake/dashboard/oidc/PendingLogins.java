package org.carelake.dashboard.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.carelake.dashboard.auth.SessionStore;

/**
 * Sign-ins started and not yet finished, by their {@code state}: the browser cookie they are bound to, the nonce and
 * the PKCE verifier. A state is taken out on first use, whatever the outcome, and lives a few minutes; the number
 * kept is capped so that unfinished sign-ins cannot fill the memory.
 */
final class PendingLogins {
  static final Duration LIFETIME = Duration.ofMinutes(10);
  static final int MAX_PENDING = 10_000;
  private final Map<String, Pending> byState = new ConcurrentHashMap<>();
  private final Clock clock;

  /** One started sign-in. */
  record Pending(String state, String binding, String nonce, String verifier, Instant started) {
    /** The PKCE code challenge (S256) of the verifier: BASE64URL(SHA-256(ASCII(verifier))), RFC 7636 4.2. */
    String challenge() {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String toString() {
      return "Pending[started=" + started + "]";
    }
  }

  PendingLogins(Clock clock) {
    this.clock = clock;
  }

  /** A new sign-in for the browser holding {@code binding}: random state, nonce and a 43-character verifier. */
  Pending start(String binding) throws OidcException {
    if (byState.size() >= MAX_PENDING) {
      Instant now = clock.instant();
      byState.values().removeIf(p -> now.isAfter(p.started().plus(LIFETIME)));
      if (byState.size() >= MAX_PENDING) {
        throw new OidcException(OidcException.Kind.STATE, "too many unfinished sign-ins",
            "Too many sign-ins are in progress. Try again in a few minutes.");
      }
    }
    Pending p = new Pending(SessionStore.randomToken(), binding, SessionStore.randomToken(),
        SessionStore.randomToken(), clock.instant());
    byState.put(p.state(), p);
    return p;
  }

  /** The sign-in of this state, once: it must have been started by the same browser and not be expired. */
  Pending finish(String state, String binding) throws OidcException {
    Pending p = state == null ? null : byState.remove(state);
    if (p == null) {
      throw stateError("unknown or already used state");
    }
    if (binding == null || !MessageDigest.isEqual(p.binding().getBytes(StandardCharsets.UTF_8),
        binding.getBytes(StandardCharsets.UTF_8))) {
      throw stateError("state started by another browser (sign-in cookie missing or different)");
    }
    if (clock.instant().isAfter(p.started().plus(LIFETIME))) {
      throw stateError("state expired");
    }
    return p;
  }

  private static OidcException stateError(String reason) {
    return new OidcException(OidcException.Kind.STATE, "state refused: " + reason,
        "This sign-in link is not valid (expired, already used, or started in another browser). Start again.");
  }
}
