package org.carelake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.carelake.cli.cluster.ChildJvm;
import org.carelake.core.CarelakeConfig;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.carelake.core.TableName;
import org.carelake.dashboard.audit.AuditLog;
import org.carelake.dashboard.auth.Role;
import org.carelake.dashboard.auth.User;
import org.carelake.dashboard.auth.UserStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code user add|list} and {@code audit verify} from the command line; one audit chain across processes.
 */
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

  /**
   * A dashboard writing audit entries while another process (an analyst's {@code sql --as}, one audit log per
   * statement) writes its own on the same lakehouse: one chain, no seq given out twice.
   */
  @Test
  void twoProcessesWritingTheAuditLogKeepOneChain(@TempDir Path dir) throws Exception {
    String lake = dir.resolve("lake").toString();
    Lakehouse lh = Lakehouse.open(SharedSpark.session(), CarelakeConfig.builder().lakehouse(lake).build());
    lh.overwrite(TableName.parse("ref.code_system_alias"), lh.sql("SELECT 'sct' AS alias, "
        + "'http://snomed.info/sct' AS system"));
    Path pw = Files.writeString(dir.resolve("pw"), "an-analyst-password\n");
    assertEquals(0, CliRun.of("--lakehouse", lake, "user", "add", "ana", "--role", "analyst", "--password-file",
        pw.toString()).code());
    int statements = 3;
    Path script = Files.writeString(dir.resolve("queries.sql"),
        "SELECT count(*) FROM ref.code_system_alias;\n".repeat(statements));
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(ChildJvm.quickJvmFlags());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.carelake.cli.Carelake", "--lakehouse", lake,
        "sql", "--as", "ana"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.log").toFile()).redirectInput(script.toFile());
    pb.environment().remove("CARELAKE_HOME");
    pb.environment().remove("CARELAKE_MASTER");
    Process child = pb.start();
    int mine = 0;
    try (AuditLog dashboard = new AuditLog(lh, Clock.systemUTC())) {
      // Writes all the while the other process starts, chains its entries and moves them to Delta.
      while (child.isAlive() || mine == 0) {
        dashboard.record(new AuditLog.Event("carol", "care_manager", "patient.view", "p" + mine, null, "127.0.0.1"))
            .get();
        mine++;
        Thread.sleep(50);
      }
    } finally {
      if (!child.waitFor(3, TimeUnit.MINUTES)) {
        child.destroyForcibly();
      }
    }
    assertEquals(0, child.exitValue(), Files.readString(dir.resolve("child.log")));
    long theirs = lh.table(AuditLog.TABLE).where("user = 'ana'").count();
    assertTrue(theirs >= statements, "every statement audited: " + theirs);
    assertEquals(mine + theirs, lh.table(AuditLog.TABLE).select("seq").distinct().count(), "no seq given out twice");
    CliRun verify = CliRun.of("--lakehouse", lake, "audit", "verify");
    assertEquals(0, verify.code(), verify.out() + verify.err());
    assertTrue(verify.out().contains((mine + theirs) + " entries, chain intact"), verify.out());
  }
}
