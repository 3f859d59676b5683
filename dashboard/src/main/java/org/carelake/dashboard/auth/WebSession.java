package org.carelake.dashboard.auth;

import java.time.Instant;

/** A logged-in browser: who it is and the CSRF token its forms must carry. */
public final class WebSession {
  private final String id;
  private final User user;
  private final String csrfToken;
  private final Instant created;
  private volatile Instant lastSeen;

  WebSession(String id, User user, String csrfToken, Instant now) {
    this.id = id;
    this.user = user;
    this.csrfToken = csrfToken;
    this.created = now;
    this.lastSeen = now;
  }

  public String id() {
    return id;
  }

  public User user() {
    return user;
  }

  public String csrfToken() {
    return csrfToken;
  }

  Instant created() {
    return created;
  }

  Instant lastSeen() {
    return lastSeen;
  }

  void touch(Instant now) {
    lastSeen = now;
  }
}
