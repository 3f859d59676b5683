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
import org.carelake.dashboard.audit.AuditVerifier;
import org.carelake.dashboard.data.GoldTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The dashboard over real HTTPS: login, CSRF, headers, access control by panel and role, outreach, audit. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardHttpTest {
  private Lakehouse lh;
  private TestServer server;

  @BeforeAll
  void start() {
    lh = DashboardFixture.lakehouse();
    server = new TestServer(lh);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private long audited(String user, String action, String person) {
    server.app.flushAudit();
    var t = lh.table(AuditLog.TABLE).filter(col("user").equalTo(lit(user)).and(col("action").equalTo(lit(action))));
    return (person == null ? t : t.filter(col("person_id").equalTo(lit(person)))).count();
  }

  @Test
  void loginNeedsTheFormTokenAndSetsAHardenedSessionCookie() {
    TestClient c = new TestClient(server);
    HttpResponse<String> form = c.get("/login");
    assertEquals(200, form.statusCode());
    HttpResponse<String> noToken = c.post("/login", Map.of("user", "carol", "password", DashboardFixture.PASSWORD));
    assertEquals(403, noToken.statusCode(), "a login without the CSRF token is refused");
    HttpResponse<String> wrong = c.post("/login", Map.of("csrf", TestClient.csrf(form.body()), "user", "carol",
        "password", "guess"));
    assertEquals(401, wrong.statusCode());
    assertFalse(c.cookies.containsKey("__Host-carelake_session"));

    HttpResponse<String> ok = c.post("/login", Map.of("csrf", TestClient.csrf(c.get("/login").body()),
        "user", "carol", "password", DashboardFixture.PASSWORD));
    assertEquals(303, ok.statusCode());
    String cookie = ok.headers().allValues("Set-Cookie").stream().filter(s -> s.startsWith("__Host-carelake_session="))
        .findFirst().orElseThrow();
    for (String attr : List.of("HttpOnly", "Secure", "SameSite=Strict", "Path=/")) {
      assertTrue(cookie.contains(attr), cookie + " lacks " + attr);
    }
    HttpResponse<String> page = c.get("/worklist");
    assertEquals(200, page.statusCode());
    String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
    assertFalse(csp.contains("unsafe-inline"), csp);
    assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertTrue(page.headers().firstValue("Strict-Transport-Security").orElse("").contains("max-age="));
    assertFalse(page.body().contains("<script>"), "no inline script");
  }

  @Test
  void careManagerSeesOnlyTheirPanelAndIsDeniedAnotherPanelsPatientByUrl() {
    TestClient c = new TestClient(server);
    c.login("carol", DashboardFixture.PASSWORD);
    String worklist = c.get("/worklist").body();
    assertTrue(worklist.contains("Lovelace") && worklist.contains("Turing"), "org-a's people are listed");
    assertFalse(worklist.contains("Hopper"), "org-b's person is not");
    assertTrue(worklist.indexOf("Lovelace") < worklist.indexOf("Turing"), "sorted by risk: p1 (1.5) before p2 (0.4)");

    long deniedBefore = audited("carol", "patient.denied", "p3");
    HttpResponse<String> other = c.get("/patient/p3");
    assertEquals(403, other.statusCode());
    assertFalse(other.body().contains("Hopper"));
    assertEquals(deniedBefore + 1, audited("carol", "patient.denied", "p3"), "the attempt is audited");
    assertEquals(403, c.get("/patient/nobody").statusCode(), "unknown people look the same as other panels'");

    long viewsBefore = audited("carol", "patient.view", "p1");
    HttpResponse<String> mine = c.get("/patient/p1");
    assertEquals(200, mine.statusCode());
    assertTrue(mine.body().contains("Metformin 500 MG") && mine.body().contains("HbA1c 10.1 %"),
        "medications and gap evidence are shown");
    assertTrue(mine.body().contains("id=\"lab-series\""), "the lab trend chart has its data");
    assertEquals(viewsBefore + 1, audited("carol", "patient.view", "p1"));
    server.app.flushAudit();
    assertTrue(AuditVerifier.verify(lh).ok());
  }

  @Test
  void outreachNeedsTheSessionsCsrfTokenAndIsSaved() {
    TestClient c = new TestClient(server);
    String token = c.login("carol", DashboardFixture.PASSWORD);
    Map<String, String> form = Map.of("person", "p2", "measure", "CMS122", "group", "g1", "status", "scheduled",
        "sort", "risk");
    long before = lh.exists(GoldTables.OUTREACH) ? lh.table(GoldTables.OUTREACH).count() : 0;
    assertEquals(403, c.post("/outreach", form).statusCode(), "no token");
    assertEquals(403, c.post("/outreach", with(form, "csrf", "forged")).statusCode(), "wrong token");
    assertEquals(before, lh.exists(GoldTables.OUTREACH) ? lh.table(GoldTables.OUTREACH).count() : 0);

    assertEquals(403, c.post("/outreach", with(form, "csrf", token), "https://evil.example").statusCode(),
        "a cross-site Origin is refused even with the token");
    assertEquals(before, lh.exists(GoldTables.OUTREACH) ? lh.table(GoldTables.OUTREACH).count() : 0);
    assertEquals(403, c.post("/outreach", with(with(form, "csrf", token), "person", "p3")).statusCode(),
        "not on the panel");
    HttpResponse<String> ok = c.post("/outreach", with(form, "csrf", token), server.base());
    assertEquals(303, ok.statusCode());
    assertEquals(1, lh.table(GoldTables.OUTREACH).filter(col("person_id").equalTo(lit("p2"))
        .and(col("status").equalTo(lit("scheduled"))).and(col("user").equalTo(lit("carol")))).count());
    String page = c.get("/worklist?measure=CMS122").body();
    assertTrue(page.contains("<option selected>scheduled</option>"), "the worklist shows the saved status");
  }

  private static Map<String, String> with(Map<String, String> m, String k, String v) {
    var copy = new java.util.HashMap<>(m);
    copy.put(k, v);
    return copy;
  }

  @Test
  void filterValuesWithSqlMetacharactersAreOnlyCompared() {
    TestClient c = new TestClient(server);
    c.login("root", DashboardFixture.PASSWORD);
    for (String evil : List.of("' OR '1'='1", "CMS122' --", "x'); DROP TABLE gold.care_gap; --", "\\' OR 1=1")) {
      HttpResponse<String> r = c.get("/worklist?measure=" + java.net.URLEncoder.encode(evil,
          java.nio.charset.StandardCharsets.UTF_8) + "&cohort=" + java.net.URLEncoder.encode(evil,
          java.nio.charset.StandardCharsets.UTF_8));
      assertEquals(200, r.statusCode(), evil);
      assertTrue(r.body().contains(": 0 gaps."), "no row matches " + evil);
      assertFalse(r.body().contains(evil.replace("'", "&#39;").replace("<", "&lt;") + "</"), "not echoed raw");
    }
    String all = c.get("/worklist?cohort=high-risk").body();
    assertTrue(all.contains(": 1 gaps.") && all.contains("Hopper"), "a real cohort filter still works");
    assertEquals(5, lh.table(GoldTables.CARE_GAP).count(), "the table is intact");
  }

  @Test
  void analystIsDeniedIdentifiedPagesButSeesTheOverview() {
    TestClient c = new TestClient(server);
    c.login("ann", DashboardFixture.PASSWORD);
    assertEquals(403, c.get("/worklist").statusCode());
    assertEquals(403, c.get("/worklist.csv").statusCode());
    HttpResponse<String> patient = c.get("/patient/p1");
    assertEquals(403, patient.statusCode());
    assertFalse(patient.body().contains("Lovelace"));
    HttpResponse<String> overview = c.get("/overview");
    assertEquals(200, overview.statusCode());
    assertTrue(overview.body().contains("≤ 20.0%"), "CMS122's ceiling target");
    assertFalse(overview.body().contains("66.7%"), "its rate over 3 people is suppressed for analysts");
    assertFalse(overview.body().contains("Lovelace"));
  }

  @Test
  void csvExportIsScopedToThePanelAndAudited() {
    TestClient c = new TestClient(server);
    c.login("carol", DashboardFixture.PASSWORD);
    long before = audited("carol", "worklist.export", null);
    HttpResponse<String> csv = c.get("/worklist.csv?sort=due");
    assertEquals(200, csv.statusCode());
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    String[] lines = csv.body().split("\r\n");
    assertEquals(4, lines.length, "header and org-a's three open gaps: " + csv.body());
    assertFalse(csv.body().contains("p3"));
    assertEquals(before + 1, audited("carol", "worklist.export", null));
  }

  @Test
  void logoutNeedsTheTokenAndEndsTheSession() {
    TestClient c = new TestClient(server);
    String token = c.login("carol", DashboardFixture.PASSWORD);
    String session = c.cookies.get("__Host-carelake_session");
    assertEquals(403, c.post("/logout", Map.of()).statusCode(), "no logout by a cross-site form");
    assertEquals(303, c.post("/logout", Map.of("csrf", token)).statusCode());
    c.cookies.put("__Host-carelake_session", session);
    assertEquals(303, c.get("/worklist").statusCode(), "the old session id no longer works");
  }

  @Test
  void requestsWithoutASessionAreSentToLogin() {
    TestClient c = new TestClient(server);
    HttpResponse<String> r = c.get("/patient/p1");
    assertEquals(303, r.statusCode());
    assertEquals("/login", r.headers().firstValue("Location").orElse(""));
    assertEquals(403, c.post("/outreach", Map.of("person", "p1")).statusCode());
    assertEquals(404, c.get("/static/../targets.properties").statusCode());
    assertEquals(200, c.get("/static/vendor/chart.umd.min.js").statusCode(), "charting is served from the jar");
  }
}
