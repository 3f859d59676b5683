package org.carelake.dashboard;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.net.http.HttpResponse;
import org.carelake.core.Lakehouse;
import org.carelake.dashboard.audit.AuditLog;
import org.carelake.dashboard.audit.AuditVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The cohort explorer, Patient 360's identity and timeline sections and the overview by organization and
 * practitioner, over real HTTPS: content, scoping by panel and role, audit of drill-downs, small-cell suppression.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorerPagesHttpTest {
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

  private long audited(String user, String action) {
    server.app.flushAudit();
    return lh.table(AuditLog.TABLE).filter(col("user").equalTo(lit(user)).and(col("action").equalTo(lit(action))))
        .count();
  }

  private TestClient as(String user) {
    TestClient c = new TestClient(server);
    c.login(user, DashboardFixture.PASSWORD);
    return c;
  }

  /** The HTML from the element with this id to the end of its table (or the JSON block's end). */
  private static String part(String html, String id) {
    int from = html.indexOf("id=\"" + id + "\"");
    assertTrue(from >= 0, "no element " + id);
    int to = html.indexOf(html.startsWith("<script", html.lastIndexOf('<', from)) ? "</script>" : "</table>", from);
    return html.substring(from, to);
  }

  /** The current member count shown in a cohort's row of the list. */
  private static String count(String html, String cohort) {
    String row = html.substring(html.indexOf("<tr data-cohort=\"" + cohort + "\""));
    row = row.substring(0, row.indexOf("</tr>"));
    return row.substring(row.indexOf("<td class=\"count\">") + 18, row.lastIndexOf("</td>"));
  }

  @Test
  void cohortListCountsWithinThePanelAndDrawsTheTrend() {
    String admin = as("root").get("/cohorts").body();
    assertEquals("12", count(admin, "frequent-ed"));
    assertEquals("1", count(admin, "high-risk"));
    assertEquals("1", count(admin, "uncontrolled-diabetes"), "p2's stay ended: only p1 is current");
    assertEquals("0", count(admin, "no-members"), "a defined cohort nobody is in yet");
    assertTrue(admin.contains("Frequent ED use"), "the cohort's title");
    assertTrue(part(admin, "cohort-series").contains("{\"label\":\"uncontrolled-diabetes\","
        + "\"x\":[\"2025-09\",\"2025-10\",\"2025-11\",\"2025-12\"],\"y\":[1,1,0,1]}"), "members at each month end");
    assertTrue(part(admin, "cohort-series").contains("{\"label\":\"frequent-ed\",\"x\":[\"2025-09\",\"2025-10\","
        + "\"2025-11\",\"2025-12\"],\"y\":[0,4,4,12]}"));
    assertTrue(admin.contains("id=\"cohort-chart\"") && admin.contains("/static/charts.js"));
    assertFalse(admin.contains("<script>"), "no inline script");

    String carol = as("carol").get("/cohorts").body();
    assertEquals("0", count(carol, "frequent-ed"), "org-b's twelve are not on carol's panel");
    assertEquals("0", count(carol, "high-risk"), "nor is p3");
    assertEquals("1", count(carol, "uncontrolled-diabetes"));
    assertTrue(part(carol, "cohort-series").contains("\"label\":\"frequent-ed\",\"x\":[\"2025-09\",\"2025-10\","
        + "\"2025-11\",\"2025-12\"],\"y\":[0,0,0,0]}"));
    assertTrue(carol.contains("href=\"/cohorts/high-risk\""), "care managers can drill down");
  }

  @Test
  void analystSeesSuppressedCountsAndNoMembers() {
    TestClient c = as("ann");
    String page = c.get("/cohorts").body();
    assertEquals("12", count(page, "frequent-ed"), "eleven or more are shown");
    assertEquals("&lt;11", count(page, "high-risk"), "one member is suppressed");
    assertEquals("0", count(page, "no-members"));
    assertTrue(part(page, "cohort-series").contains("\"label\":\"frequent-ed\",\"x\":[\"2025-09\",\"2025-10\","
        + "\"2025-11\",\"2025-12\"],\"y\":[0,null,null,12]}"), "four members in October and November are withheld");
    assertTrue(part(page, "cohort-series").contains("\"label\":\"uncontrolled-diabetes\",\"x\":[\"2025-09\","
        + "\"2025-10\",\"2025-11\",\"2025-12\"],\"y\":[null,null,0,null]}"));
    assertFalse(page.contains("href=\"/cohorts/"), "no drill-down links for analysts");

    long denied = audited("ann", "cohort.denied");
    HttpResponse<String> members = c.get("/cohorts/frequent-ed");
    assertEquals(403, members.statusCode());
    assertFalse(members.body().contains("Person01"));
    assertEquals(denied + 1, audited("ann", "cohort.denied"));
  }

  @Test
  void memberListIsPanelScopedAuditedAndLinksToPatient360() {
    TestClient carol = as("carol");
    long views = audited("carol", "cohort.view");
    HttpResponse<String> own = carol.get("/cohorts/uncontrolled-diabetes");
    assertEquals(200, own.statusCode());
    String members = part(own.body(), "member-table");
    assertTrue(members.contains("href=\"/patient/p1\"") && members.contains("Ada Lovelace"));
    assertFalse(members.contains("Turing"), "p2 has left the cohort");
    assertEquals(views + 1, audited("carol", "cohort.view"), "the drill-down is audited before it is sent");
    assertTrue(lh.table(AuditLog.TABLE).filter(col("user").equalTo(lit("carol"))
        .and(col("action").equalTo(lit("cohort.view")))
        .and(col("detail").equalTo(lit("cohort=uncontrolled-diabetes rows=1")))).count() > 0, "cohort and rows");

    String other = part(carol.get("/cohorts/frequent-ed").body(), "member-table");
    assertFalse(other.contains("Person"), "another organization's members are absent");
    assertFalse(part(carol.get("/cohorts/high-risk").body(), "member-table").contains("Hopper"));
    assertEquals(403, carol.get("/patient/q01").statusCode(), "nor can their Patient 360 be opened");
    assertEquals(404, carol.get("/cohorts/no-such-cohort").statusCode());
    assertEquals(404, carol.get("/cohorts/%27%20OR%201%3D1").statusCode(), "ids outside the pattern");

    String admin = part(as("root").get("/cohorts/frequent-ed").body(), "member-table");
    for (int i = 1; i <= 12; i++) {
      assertTrue(admin.contains(String.format("href=\"/patient/q%02d\"", i)), "admin sees member q" + i);
    }
    server.app.flushAudit();
    assertTrue(AuditVerifier.verify(lh).ok());
  }

  @Test
  void patient360ShowsSourceRecordsIdentityLinksAndATimeline() {
    String page = as("carol").get("/patient/p1").body();
    String sources = part(page, "source-table");
    assertTrue(sources.contains("L-77") && sources.contains("LAB-MRN-77") && sources.contains("src1"),
        "both source records with their MRNs");
    String links = part(page, "link-table");
    assertTrue(links.contains("probabilistic") && links.contains("<td>0.9999</td>") && links.contains("<td>17.25</td>"),
        "the link's rule and score");
    assertTrue(links.contains("birth_date=exact(+9.1); family_name=exact(+7.2)"), "and its decisive evidence");
    String reviews = part(page, "review-table");
    assertTrue(reviews.contains("given name differs"));
    assertFalse(reviews.contains("src3"), "the other record's id (p3, another panel) is not shown");
    // The fixture's p1 events: a condition in 2019-05, a medication in 2024-01, labs in 2025-01, -05 and -09.
    String timeline = part(page, "timeline-series");
    assertTrue(timeline.contains("\"labels\":[\"2019-05\","), timeline);
    assertTrue(timeline.contains("\"2025-09\"]"), "the axis ends with the last event's month");
    int months = timeline.substring(timeline.indexOf("\"labels\":["), timeline.indexOf("],\"series\""))
        .split(",").length;
    assertEquals(77, months, "every month from 2019-05 to 2025-09");
    assertTrue(timeline.contains("{\"label\":\"observation\",\"y\":["), "a series per kind of event");
    assertTrue(page.contains("id=\"timeline-chart\""));
  }

  @Test
  void overviewRatesByOrganizationAndPractitionerAreScopedAndSuppressed() {
    String carol = as("carol").get("/overview").body();
    String orgs = part(carol, "org-rate-table");
    assertTrue(orgs.contains("org-a") && !orgs.contains("org-b"), "a care manager sees their organizations");
    String practitioners = part(carol, "practitioner-rate-table");
    assertTrue(practitioners.contains("dr-1") && !practitioners.contains("dr-3"),
        "and the practitioners attributed people of them");

    String admin = as("root").get("/overview").body();
    assertTrue(part(admin, "org-rate-table").contains("org-b"));
    assertTrue(part(admin, "practitioner-rate-table").contains("dr-3")
        && part(admin, "practitioner-rate-table").contains("75.0%"), "dr-3's CMS125 9/12");
    assertTrue(part(admin, "rate-table").contains("66.7%"), "CMS122's 2/3 is shown to an admin");
    assertTrue(part(admin, "monthly-series").contains("CMS122"), "with its monthly progress");

    String ann = as("ann").get("/overview").body();
    assertFalse(part(ann, "rate-table").contains("66.7%"), "a denominator of 3 is suppressed for analysts");
    assertTrue(part(ann, "rate-table").contains("50.0%"), "CMS125's 7/14 is not");
    String annPractitioners = part(ann, "practitioner-rate-table");
    assertTrue(annPractitioners.contains("75.0%") && annPractitioners.contains("<td>12</td>"));
    assertFalse(annPractitioners.contains("100.0%"), "dr-1's 1/1 is withheld");
    assertTrue(annPractitioners.contains("suppressed") && annPractitioners.contains("&lt;11"));
    assertTrue(part(ann, "org-rate-table").contains("org-b"), "analysts see every organization");
    assertFalse(part(ann, "monthly-series").contains("CMS122"), "the chart leaves out small denominators too");
  }
}
