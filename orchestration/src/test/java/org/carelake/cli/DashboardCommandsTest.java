package org.carelake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.carelake.core.CarelakeConfig;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.carelake.dashboard.audit.AuditLog;
import org.carelake.dashboard.auth.Role;
import org.carelake.dashboard.auth.User;
import org.carelake.dashboard.auth.UserStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code user add|list} and {@code audit verify} from the command line. */
class DashboardCommandsTest {
  @BeforeAll
  static void sharedSession() {
    SharedSpark.session();
  }

  @Test
  void usersAreAddedListedAndCheckedAndTheAuditChainIsVerified(@TempDir Path dir) throws Exception {
    String lake = dir.resolve("lake").toString();
    Path pw = Files.writeString(dir.resolve("pw"), "a-long-enough-password\n");
    Path shortPw = Files.writeString(dir.resolve("short"), "short\n");
    CliRun add = CliRun.of("--lakehouse", lake, "user", "add", "carol", "--role", "care_manager", "--org", "org-a",
        "--password-file", pw.toString());
    assertEquals(0, add.code(), add.err());
    assertEquals(2, CliRun.of("--lakehouse", lake, "user", "add", "dave", "--role", "care_manager",
        "--password-file", pw.toString()).code(), "a care manager needs an organization");
    assertEquals(2, CliRun.of("--lakehouse", lake, "user", "add", "erin", "--role", "admin",
        "--password-file", shortPw.toString()).code(), "too short");
    assertEquals(2, CliRun.of("--lakehouse", lake, "user", "add", "frank", "--role", "boss",
        "--password-file", pw.toString()).code(), "unknown role");
    CliRun list = CliRun.of("--lakehouse", lake, "user", "list");
    assertTrue(list.out().contains("carol") && list.out().contains("org-a"), list.out());
    assertTrue(!list.out().contains("pbkdf2"), "hashes are not printed");

    Lakehouse lh = Lakehouse.open(SharedSpark.session(), CarelakeConfig.builder().lakehouse(lake).build());
    try (AuditLog log = new AuditLog(lh, Clock.systemUTC())) {
      for (int i = 0; i < 3; i++) {
        log.record(new AuditLog.Event("carol", "care_manager", "patient.view", "p" + i, null, "127.0.0.1")).get();
      }
    }
    CliRun ok = CliRun.of("--lakehouse", lake, "audit", "verify");
    assertEquals(0, ok.code(), ok.out() + ok.err());
    assertTrue(ok.out().contains("3 entries, chain intact"), ok.out());
    lh.sql("UPDATE delta.`" + lh.path(AuditLog.TABLE) + "` SET person_id = 'x' WHERE seq = 2");
    CliRun broken = CliRun.of("--lakehouse", lake, "audit", "verify");
    assertEquals(1, broken.code());
    assertTrue(broken.out().contains("BROKEN at seq 2"), broken.out());
  }

  @Test
  void usersOfTheOidcProviderAreListedAsSuchAndGetNoPassword(@TempDir Path dir) throws Exception {
    String lake = dir.resolve("lake").toString();
    Lakehouse lh = Lakehouse.open(SharedSpark.session(), CarelakeConfig.builder().lakehouse(lake).build());
    new UserStore(lh).put(new User("olga", Role.CARE_MANAGER, List.of("org-a"),
        User.OIDC_PREFIX + "https://sso.example.org/realms/care#sub-1", false));
    CliRun list = CliRun.of("--lakehouse", lake, "user", "list");
    assertTrue(list.out().contains("olga (oidc)"), list.out());
    assertTrue(!list.out().contains("sub-1"), "the binding is not printed");
    Path pw = Files.writeString(dir.resolve("pw"), "a-long-enough-password\n");
    CliRun passwd = CliRun.of("--lakehouse", lake, "user", "passwd", "olga", "--password-file", pw.toString());
    assertEquals(Carelake.USAGE, passwd.code(), passwd.out() + passwd.err());
    assertTrue(passwd.err().contains("signs in with OIDC"), passwd.err());
    assertTrue(new UserStore(lh).find("olga").orElseThrow().signsInWithOidc(), "still bound to the provider");
  }
}
