package org.carelake.dashboard.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side sessions in memory: the cookie holds only a random 256-bit id. Sessions end after an idle time and an
 * absolute lifetime; a restart logs everyone out, which is acceptable for a single-node dashboard.
 */
public final class SessionStore {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<String, WebSession> sessions = new ConcurrentHashMap<>();
  private final Duration idle;
  private final Duration absolute;
  private final Clock clock;

  public SessionStore(Duration idle, Duration absolute, Clock clock) {
    this.idle = idle;
    this.absolute = absolute;
    this.clock = clock;
  }

  public static String randomToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public WebSession create(User user) {
    WebSession s = new WebSession(randomToken(), user, randomToken(), clock.instant());
    sessions.put(s.id(), s);
    return s;
  }

  public Optional<WebSession> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    WebSession s = sessions.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (now.isAfter(s.lastSeen().plus(idle)) || now.isAfter(s.created().plus(absolute))) {
      sessions.remove(id);
      return Optional.empty();
    }
    s.touch(now);
    return Optional.of(s);
  }

  public void end(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  /** Constant-time comparison of a submitted CSRF token with the session's. */
  public static boolean csrfMatches(WebSession s, String submitted) {
    return submitted != null && MessageDigest.isEqual(s.csrfToken().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        submitted.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
