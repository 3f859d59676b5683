package org.carelake.dashboard.web;

import static org.carelake.dashboard.web.Html.esc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.carelake.dashboard.auth.Role;
import org.carelake.dashboard.auth.SessionStore;
import org.carelake.dashboard.auth.User;
import org.carelake.dashboard.auth.WebSession;
import org.carelake.dashboard.data.OutreachStore;
import org.carelake.dashboard.data.WorklistQuery;
import org.carelake.dashboard.data.WorklistRow;

/** Login, worklist, outreach and export: the pages that act on a request (rendering lives in the views). */
final class Pages {
  static final Pattern PERSON_ID = Pattern.compile("[A-Za-z0-9._:|-]{1,200}");
  private static final int MAX_SHOWN = 500;
  private final Dashboard app;
  private final Cookies cookies;

  Pages(Dashboard app, Cookies cookies) {
    this.app = app;
    this.cookies = cookies;
  }

  Cookies cookies() {
    return cookies;
  }

  /** The route of a path, with ids replaced: what the access log shows instead of the path. */
  static String route(String path) {
    if (path.startsWith("/patient/")) {
      return "/patient/{id}";
    }
    if (path.startsWith("/static/")) {
      return "/static/*";
    }
    if (path.startsWith("/cohorts/")) {
      return "/cohorts/{id}";
    }
    return switch (path) {
      case "/", "/login", "/logout", "/worklist", "/worklist.csv", "/outreach", "/overview", "/cohorts", "/healthz",
          "/account/password", "/oidc/login", "/oidc/callback" -> path;
      default -> "other";
    };
  }

  Response loginForm(Request req, String error) {
    // Login CSRF: the form carries a random token that must equal the one in a SameSite=Strict cookie. An existing
    // token is kept, so that another tab (or the browser's own favicon request) does not invalidate an open form.
    String existing = req.cookie(cookies.loginName());
    String token = existing != null && existing.matches("[A-Za-z0-9_-]{43}") ? existing : SessionStore.randomToken();
    String body = (error == null ? "" : "<p class=\"error\" role=\"alert\">" + esc(error) + "</p>")
        + "<form method=\"post\" action=\"/login\" class=\"login\">"
        + "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(token) + "\">"
        + "<label>User <input name=\"user\" id=\"user\" autocomplete=\"username\" required></label>"
        + "<label>Password <input type=\"password\" name=\"password\" id=\"password\" "
        + "autocomplete=\"current-password\" required></label>"
        + "<button type=\"submit\" id=\"login\">Log in</button></form>"
        // A plain link: a form post would be held to CSP form-action 'self' on its redirect to the provider.
        + app.oidc().map(o -> "<p class=\"oidc\"><a class=\"button\" id=\"oidc-login\" href=\"/oidc/login\">Sign in "
            + "with " + esc(o.settings().providerName()) + "</a></p>").orElse("");
    return Response.html(error == null ? 200 : 401, Html.page("Log in", null, body))
        .with("Set-Cookie", cookies.set(cookies.loginName(), token));
  }

  Response loginPost(Request req) {
    String expected = req.cookie(cookies.loginName());
    String submitted = req.form("csrf");
    if (expected == null || submitted == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        submitted.getBytes(StandardCharsets.UTF_8))) {
      return Response.text(403, "Invalid or missing CSRF token.");
    }
    String password = req.form("password");
    Optional<User> user = app.login().authenticate(req.form("user"), password == null ? null : password.toCharArray());
    if (user.isEmpty()) {
      return loginForm(req, "Wrong user name or password, or the account is locked for a few minutes.");
    }
    WebSession s = app.sessions().create(user.get());
    req.session(s);
    app.audit(req, "login", null, null);
    return Response.redirect("/").with("Set-Cookie", cookies.set(cookies.sessionName(), s.id()))
        .with("Set-Cookie", cookies.clear(cookies.loginName()));
  }

  Response logout(Request req) {
    app.sessions().end(req.session().id());
    return Response.redirect("/login").with("Set-Cookie", cookies.clear(cookies.sessionName()));
  }

  static Response forbidden(String why) {
    return Response.html(403, Html.page("Not allowed", null, "<p class=\"error\">" + esc(why) + "</p>"
        + "<p><a href=\"/\">Back</a></p>"));
  }

  private static WorklistQuery query(Request req) {
    return new WorklistQuery(req.query("measure"), req.query("cohort"), WorklistQuery.Sort.parse(req.query("sort")));
  }

  /** The organizations whose panels a user's pages are limited to: a care manager's own, null (all) otherwise. */
  static List<String> scope(User u) {
    return u.role() == Role.CARE_MANAGER ? u.organizations() : null;
  }

  private List<WorklistRow> rowsFor(Request req, WorklistQuery q) {
    return app.gold().worklist(q, scope(req.session().user()), app.outreach());
  }

  private static String detail(WorklistQuery q, int rows) {
    return "measure=" + q.measure() + " cohort=" + q.cohort() + " sort=" + q.sort() + " rows=" + rows;
  }

  Response worklist(Request req) {
    WebSession s = req.session();
    if (!s.user().role().seesIdentifiedData()) {
      app.audit(req, "worklist.denied", null, null);
      return forbidden("Your role sees de-identified aggregates only.");
    }
    WorklistQuery q = query(req);
    List<WorklistRow> rows = rowsFor(req, q);
    app.audit(req, "worklist.view", null, detail(q, rows.size()));
    return Response.html(200, Html.page("Care-gap worklist", s, Views.worklist(app, s, q, rows, MAX_SHOWN)));
  }

  Response worklistCsv(Request req) {
    if (!req.session().user().role().seesIdentifiedData()) {
      app.audit(req, "worklist.export.denied", null, null);
      return forbidden("Your role sees de-identified aggregates only.");
    }
    WorklistQuery q = query(req);
    List<WorklistRow> rows = rowsFor(req, q);
    app.audit(req, "worklist.export", null, detail(q, rows.size()));
    StringBuilder b = new StringBuilder("person_id,name,birth_date,measure_id,group_id,measure_title,period_end,"
        + "reason,due_date,organization_id,practitioner_id,risk_cms_hcc_v28,cohorts,outreach\r\n");
    for (WorklistRow r : rows) {
      List<Object> f = List.of(r.personId(), opt(r.name()), opt(r.birthDate()), r.measureId(), r.groupId(),
          opt(r.measureTitle()), r.periodEnd(), opt(r.reason()), opt(r.dueDate()), opt(r.organizationId()),
          opt(r.practitionerId()), opt(r.risk()), String.join(" ", r.cohorts()), opt(r.outreach()));
      List<String> cells = new ArrayList<>();
      f.forEach(o -> cells.add(Csv.field(o)));
      b.append(String.join(",", cells)).append("\r\n");
    }
    return new Response(200, "text/csv; charset=utf-8", b.toString().getBytes(StandardCharsets.UTF_8),
        new ArrayList<>()).with("Content-Disposition", "attachment; filename=\"worklist.csv\"");
  }

  private static Object opt(Object o) {
    return o == null ? "" : o;
  }

  Response outreach(Request req) {
    User u = req.session().user();
    String person = req.form("person");
    String measure = req.form("measure");
    String group = req.form("group");
    String status = req.form("status");
    if (!u.role().seesIdentifiedData()) {
      return forbidden("Your role sees de-identified aggregates only.");
    }
    if (person == null || measure == null || group == null || !OutreachStore.STATUSES.contains(status)) {
      return Response.text(400, "Missing or invalid outreach fields.");
    }
    if (!mayView(u, person)) {
      app.audit(req, "outreach.denied", person, null);
      return forbidden("This person is not on your panel.");
    }
    if (!app.gold().isOpenGap(person, measure, group)) {
      return Response.text(400, "No such open care gap.");
    }
    app.audit(req, "outreach.set", person, "measure=" + measure + " group=" + group + " status=" + status);
    app.outreach().set(person, measure, group, app.gold().periodEnd(), status, u.name());
    StringBuilder back = new StringBuilder("/worklist?sort=").append(Html.url(req.form("sort")));
    if (req.form("f_measure") != null) {
      back.append("&measure=").append(Html.url(req.form("f_measure")));
    }
    if (req.form("f_cohort") != null) {
      back.append("&cohort=").append(Html.url(req.form("f_cohort")));
    }
    return Response.redirect(back.toString());
  }

  boolean mayView(User u, String personId) {
    Set<String> orgs = app.gold().organizationsOf(personId);
    return u.mayView(orgs);
  }

  Response patient(Request req, String personId) {
    WebSession s = req.session();
    User u = s.user();
    if (!PERSON_ID.matcher(personId).matches()) {
      return Response.text(404, "Not found.");
    }
    if (!u.role().seesIdentifiedData()) {
      app.audit(req, "patient.denied", personId, "role");
      return forbidden("Your role sees de-identified aggregates only.");
    }
    // The panel check and the page read one snapshot of gold, even when the cache is refreshed in between.
    var view = app.gold().patientView(personId);
    // One answer for "not yours" and "does not exist": a care manager learns nothing about other panels.
    if (!u.mayView(view.organizations())) {
      app.audit(req, "patient.denied", personId, "not on panel");
      return forbidden("This person is not on your panel.");
    }
    var record = view.record();
    if (record == null) {
      return Response.text(404, "Not found.");
    }
    app.audit(req, "patient.view", personId, null);
    return Response.html(200, Html.page("Patient 360", s, Views.patient(record, view.organizations()),
        "/static/vendor/chart.umd.min.js", "/static/charts.js"));
  }

  Response overview(Request req) {
    WebSession s = req.session();
    Map<String, Double> targets = app.config().targets();
    return Response.html(200, Html.page("Population overview", s,
        OverviewView.render(app.gold().overview(), targets, s.user()),
        "/static/vendor/chart.umd.min.js", "/static/charts.js"));
  }
}
