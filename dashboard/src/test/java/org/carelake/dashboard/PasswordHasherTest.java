package org.carelake.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.carelake.dashboard.auth.LoginService;
import org.carelake.dashboard.auth.PasswordHasher;
import org.carelake.dashboard.auth.Role;
import org.carelake.dashboard.auth.User;
import org.junit.jupiter.api.Test;

/** PBKDF2 hashes: salted per user, verifiable, tamper-evident; login lockout after repeated failures. */
class PasswordHasherTest {
  @Test
  void hashesAreSaltedAndVerify() {
    PasswordHasher h = new PasswordHasher();
    String a = h.hash("s3cret".toCharArray());
    String b = h.hash("s3cret".toCharArray());
    assertNotEquals(a, b, "a fresh salt per hash");
    assertTrue(a.startsWith("pbkdf2-sha256$" + PasswordHasher.DEFAULT_ITERATIONS + "$"), a);
    assertTrue(PasswordHasher.verify("s3cret".toCharArray(), a));
    assertTrue(PasswordHasher.verify("s3cret".toCharArray(), b));
    assertFalse(PasswordHasher.verify("s3cret!".toCharArray(), a));
    String[] parts = a.split("\\$");
    String fewerRounds = parts[0] + "$1000$" + parts[2] + "$" + parts[3];
    assertFalse(PasswordHasher.verify("s3cret".toCharArray(), fewerRounds), "the count is part of the hash");
    assertFalse(PasswordHasher.verify("s3cret".toCharArray(), "plain"));
    assertFalse(PasswordHasher.verify("s3cret".toCharArray(), null));
  }

  @Test
  void repeatedFailuresLockTheAccountForAWhile() {
    User u = new User("carol", Role.CARE_MANAGER, List.of("org-a"), new PasswordHasher(1000).hash("pw".toCharArray()),
        false);
    LoginService login = new LoginService(n -> n.equals("carol") ? Optional.of(u) : Optional.empty(),
        Duration.ofMinutes(5), Clock.systemUTC());
    assertEquals(Optional.of(u), login.authenticate("carol", "pw".toCharArray()));
    assertTrue(login.authenticate("nobody", "pw".toCharArray()).isEmpty());
    for (int i = 0; i < 5; i++) {
      assertTrue(login.authenticate("carol", "wrong".toCharArray()).isEmpty());
    }
    assertTrue(login.authenticate("carol", "pw".toCharArray()).isEmpty(), "locked even with the right password");
  }
}
