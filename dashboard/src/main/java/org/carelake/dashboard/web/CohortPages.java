package org.carelake.dashboard.web;

import java.util.List;
import java.util.regex.Pattern;
import org.carelake.dashboard.auth.User;
import org.carelake.dashboard.auth.WebSession;
import org.carelake.dashboard.data.CohortMember;
import org.carelake.dashboard.data.CohortSummary;

/**
 * The cohort explorer: every cohort with counts and trend (care managers: their panel; admins: everyone; analysts:
 * everyone with small counts suppressed), and a cohort's member list, which is patient-level and so audited and
 * refused to analysts.
 */
final class CohortPages {
  static final Pattern COHORT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");
  private static final int MAX_SHOWN = 500;
  private final Dashboard app;

  CohortPages(Dashboard app) {
    this.app = app;
  }

  Response list(Request req) {
    WebSession s = req.session();
    List<CohortSummary> cohorts = app.cohorts().cohorts(Pages.scope(s.user()));
    return Response.html(200, Html.page("Cohorts", s, CohortViews.list(s.user(), cohorts),
        "/static/vendor/chart.umd.min.js", "/static/charts.js"));
  }

  Response members(Request req, String cohortId) {
    WebSession s = req.session();
    User u = s.user();
    if (!COHORT_ID.matcher(cohortId).matches()) {
      return Response.text(404, "Not found.");
    }
    if (!u.role().seesIdentifiedData()) {
      app.audit(req, "cohort.denied", null, "cohort=" + cohortId + " role");
      return Pages.forbidden("Your role sees de-identified aggregates only.");
    }
    if (!app.cohorts().exists(cohortId)) {
      return Response.text(404, "Not found.");
    }
    List<CohortMember> members = app.cohorts().members(cohortId, Pages.scope(u));
    app.audit(req, "cohort.view", null, "cohort=" + cohortId + " rows=" + members.size());
    return Response.html(200, Html.page("Cohort " + cohortId, s, CohortViews.members(u, cohortId, members,
        MAX_SHOWN)));
  }
}
