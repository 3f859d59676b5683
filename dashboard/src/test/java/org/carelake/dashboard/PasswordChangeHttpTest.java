package org.carelake.dashboard;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.carelake.core.Lakehouse;
import org.carelake.dashboard.audit.AuditLog;
import org.carelake.dashboard.auth.PasswordHasher;
import org.carelake.dashboard.auth.Role;
import org.carelake.dashboard.auth.User;
import org.carelake.dashboard.auth.UserStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** /account/password over real HTTPS: the session's CSRF token, the current password, the rules, the audit. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasswordChangeHttpTest {
  private static final String OLD = "the-old-password-1";
  private static final String NEW = "the-new-password-2";
  private Lakehouse lh;
  private TestServer server;

  @BeforeAll
  void start() {
    lh = DashboardFixture.lakehouse();
    new UserStore(lh).put(new User("pat", Role.CARE_MANAGER, List.of("org-a"),
        new PasswordHasher().hash(OLD.toCharArray()), false));
    server = new TestServer(lh);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void aUserChangesTheirOwnPasswordWithTheTokenAndTheCurrentPassword() {
    TestClient c = new TestClient(server);
    c.login("pat", OLD);
    HttpResponse<String> form = c.get("/account/password");
    assertEquals(200, form.statusCode());
    String token = TestClient.csrf(form.body());
    Map<String, String> change = Map.of("current", OLD, "new", NEW, "again", NEW);
    assertEquals(403, c.post("/account/password", change).statusCode(), "no token");
    assertEquals(403, c.post("/account/password", with(change, "csrf", token), "https://evil.example")
        .statusCode(), "cross-site");
    assertEquals(403, c.post("/account/password", with(with(change, "csrf", token), "current", "wrong-password-x"))
        .statusCode(), "the current password is asked again");
    assertEquals(400, c.post("/account/password", with(with(change, "csrf", token), "again", "something-else-3"))
        .statusCode());
    assertEquals(400, c.post("/account/password", Map.of("csrf", token, "current", OLD, "new", "short",
        "again", "short")).statusCode());
    HttpResponse<String> ok = c.post("/account/password", with(change, "csrf", token));
    assertEquals(200, ok.statusCode(), ok.body());
    assertFalse(ok.body().contains(NEW), "the password is never echoed");
    server.app.flushAudit();
    assertEquals(1, lh.table(AuditLog.TABLE).filter(col("user").equalTo(lit("pat"))
        .and(col("action").equalTo(lit("password.change")))).count());
    assertTrue(lh.table(AuditLog.TABLE).filter(col("detail").contains(NEW)).isEmpty());

    TestClient again = new TestClient(server);
    HttpResponse<String> oldLogin = again.post("/login", Map.of("csrf", TestClient.csrf(again.get("/login").body()),
        "user", "pat", "password", OLD));
    assertEquals(401, oldLogin.statusCode(), "the old password no longer works");
    again.login("pat", NEW);
    assertEquals(200, again.get("/worklist").statusCode());
    assertEquals(List.of("org-a"), new UserStore(lh).find("pat").orElseThrow().organizations());
  }

  @Test
  void aGeneratedPasswordMustBeChangedBeforeAnyPageIsShown() {
    new UserStore(lh).put(new User("dee", Role.ADMIN, List.of(), new PasswordHasher().hash(OLD.toCharArray()), false,
        true));
    TestClient c = new TestClient(server);
    assertEquals(303, c.post("/login", Map.of("csrf", TestClient.csrf(c.get("/login").body()), "user", "dee",
        "password", OLD)).statusCode());
    HttpResponse<String> worklist = c.get("/worklist");
    assertEquals(303, worklist.statusCode());
    assertEquals("/account/password", worklist.headers().firstValue("Location").orElse(""));
    assertEquals(303, c.get("/patient/p1").statusCode(), "no patient page either");
    HttpResponse<String> form = c.get("/account/password");
    assertTrue(form.body().contains("Your password was generated"), form.body());
    HttpResponse<String> changed = c.post("/account/password", Map.of("csrf", TestClient.csrf(form.body()),
        "current", OLD, "new", NEW, "again", NEW));
    assertEquals(303, changed.statusCode(), "logged out to log in with the new password");
    assertFalse(new UserStore(lh).find("dee").orElseThrow().mustChangePassword());
    TestClient again = new TestClient(server);
    again.login("dee", NEW);
    assertEquals(200, again.get("/worklist").statusCode());
  }

  private static Map<String, String> with(Map<String, String> m, String k, String v) {
    var copy = new java.util.HashMap<>(m);
    copy.put(k, v);
    return copy;
  }
}
