package org.carelake.dashboard.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Checks a name and password against the user store. Unknown names cost a hash too (no timing oracle), and a name
 * with {@value #MAX_FAILURES} failures in a row is locked for a while (no online guessing at full speed).
 */
public final class LoginService {
  static final int MAX_FAILURES = 5;
  private static final String DUMMY_HASH = new PasswordHasher().hash("not-a-password".toCharArray());
  private final Function<String, Optional<User>> users;
  private final Duration lockout;
  private final Clock clock;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  private record Failures(int count, Instant last) {}

  public LoginService(Function<String, Optional<User>> users, Duration lockout, Clock clock) {
    this.users = users;
    this.lockout = lockout;
    this.clock = clock;
  }

  /** The user when the password is right, the account enabled and not locked; empty otherwise. */
  public Optional<User> authenticate(String name, char[] password) {
    if (name == null || password == null || name.length() > 64) {
      return Optional.empty();
    }
    Failures f = failures.get(name);
    Instant now = clock.instant();
    if (f != null && f.count() >= MAX_FAILURES && now.isBefore(f.last().plus(lockout))) {
      return Optional.empty();
    }
    Optional<User> user = users.apply(name);
    boolean ok = PasswordHasher.verify(password, user.map(User::passwordHash).orElse(DUMMY_HASH))
        && user.isPresent() && !user.get().disabled();
    if (ok) {
      failures.remove(name);
      return user;
    }
    failures.merge(name, new Failures(1, now), (a, b) -> new Failures(a.count() + 1, now));
    return Optional.empty();
  }
}
