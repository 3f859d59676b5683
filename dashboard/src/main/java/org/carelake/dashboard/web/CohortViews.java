package org.carelake.dashboard.web;

import static org.carelake.dashboard.web.Html.esc;
import java.util.List;
import org.carelake.dashboard.auth.Role;
import org.carelake.dashboard.auth.User;
import org.carelake.dashboard.data.CohortMember;
import org.carelake.dashboard.data.CohortSummary;
import org.carelake.dashboard.data.SmallCells;

/** HTML of the cohort explorer; the trend chart's data goes into a JSON block that charts.js draws. */
final class CohortViews {
  private CohortViews() {}

  private static String scopeText(User u) {
    return switch (u.role()) {
      case CARE_MANAGER -> "Members within the panels of organizations " + esc(String.join(", ", u.organizations()));
      case ANALYST -> "Members across all organizations; counts from 1 to " + (SmallCells.MIN_SHOWN - 1)
          + " are shown as &lt;" + SmallCells.MIN_SHOWN;
      case ADMIN -> "Members across all organizations";
    };
  }

  static String list(User u, List<CohortSummary> cohorts) {
    boolean suppress = u.role() == Role.ANALYST;
    StringBuilder b = new StringBuilder("<p class=\"meta\">").append(scopeText(u))
        .append(". Trend: members at each month's end.</p>");
    b.append("<table id=\"cohort-table\"><thead><tr><th>Cohort</th><th>Title</th><th>Description</th>"
        + "<th>Current members</th></tr></thead><tbody>");
    for (CohortSummary c : cohorts) {
      b.append("<tr data-cohort=\"").append(esc(c.cohortId())).append("\"><td>");
      if (u.role().seesIdentifiedData()) {
        b.append("<a href=\"/cohorts/").append(esc(Html.url(c.cohortId()))).append("\">").append(esc(c.cohortId()))
            .append("</a>");
      } else {
        b.append(esc(c.cohortId()));
      }
      b.append("</td><td>").append(esc(c.title())).append("</td><td>").append(esc(c.description()))
          .append("</td><td class=\"count\">").append(esc(suppress ? SmallCells.show(c.members()) : c.members()))
          .append("</td></tr>");
    }
    if (cohorts.isEmpty()) {
      b.append("<tr><td colspan=\"4\">No cohorts yet: run the pipeline (<code>./carelake run</code>).</td></tr>");
    }
    b.append("</tbody></table>");
    b.append("<section><h2>Membership over time</h2><script type=\"application/json\" id=\"cohort-series\">")
        .append(trendJson(cohorts, suppress)).append("</script><div class=\"charts\" id=\"cohort-chart\"></div>");
    if (suppress) {
      b.append("<p class=\"meta\">Months with 1 to ").append(SmallCells.MIN_SHOWN - 1)
          .append(" members are left out of the chart.</p>");
    }
    return b.append("</section>").toString();
  }

  /** {"series": [{"label", "x": months, "y": counts}]}; suppressed counts are null (a gap in the line). */
  private static String trendJson(List<CohortSummary> cohorts, boolean suppress) {
    StringBuilder json = new StringBuilder("{\"series\":[");
    boolean first = true;
    for (CohortSummary c : cohorts) {
      if (c.trend().isEmpty()) {
        continue;
      }
      json.append(first ? "" : ",").append("{\"label\":").append(Json.str(c.cohortId())).append(",\"x\":[");
      first = false;
      int i = 0;
      for (String month : c.trend().keySet()) {
        json.append(i++ == 0 ? "" : ",").append(Json.str(month));
      }
      json.append("],\"y\":[");
      i = 0;
      for (long n : c.trend().values()) {
        json.append(i++ == 0 ? "" : ",").append(suppress && SmallCells.suppressed(n) ? "null" : Long.toString(n));
      }
      json.append("]}");
    }
    return json.append("]}").toString();
  }

  static String members(User u, String cohortId, List<CohortMember> members, int max) {
    StringBuilder b = new StringBuilder("<p class=\"meta\">").append(scopeText(u)).append(": ")
        .append(members.size()).append(" current members. <a href=\"/cohorts\">All cohorts</a></p>");
    b.append("<table id=\"member-table\"><thead><tr><th>Patient</th><th>Born</th><th>Entered</th><th>Why</th>"
        + "</tr></thead><tbody>");
    int shown = 0;
    for (CohortMember m : members) {
      if (shown++ >= max) {
        break;
      }
      b.append("<tr data-person=\"").append(esc(m.personId())).append("\"><td><a href=\"/patient/")
          .append(esc(Html.url(m.personId()))).append("\">").append(esc(m.name())).append("</a></td><td>")
          .append(esc(m.birthDate())).append("</td><td>").append(esc(m.enteredOn())).append("</td><td>")
          .append(esc(m.reason())).append("</td></tr>");
    }
    if (members.isEmpty()) {
      b.append("<tr><td colspan=\"4\">none</td></tr>");
    }
    b.append("</tbody></table>");
    if (members.size() > max) {
      b.append("<p class=\"meta\">Showing the first ").append(max).append(".</p>");
    }
    return b.toString();
  }
}
