package org.carelake.dashboard.web;

import static org.carelake.dashboard.web.Html.esc;
import static org.carelake.dashboard.web.Views.nz;
import static org.carelake.dashboard.web.Views.table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.carelake.dashboard.auth.Role;
import org.carelake.dashboard.auth.User;
import org.carelake.dashboard.data.Overview;
import org.carelake.dashboard.data.SmallCells;

/**
 * The population overview: rates against targets for everyone, by organization and by practitioner, and the
 * monthly progress chart. Care managers see the rows of their organizations and of the practitioners whose
 * attributed people belong to them; analysts see every row, but none built on 1 to 10 people.
 */
final class OverviewView {
  private OverviewView() {}

  static String render(Overview o, Map<String, Double> targets, User u) {
    if (o.periodEnd() == null) {
      return "<p>No measure results yet: run the pipeline (<code>./carelake run</code>).</p>";
    }
    Collection<String> orgs = Pages.scope(u);
    boolean suppress = u.role() == Role.ANALYST;
    StringBuilder b = new StringBuilder("<p class=\"meta\">Measurement period ending ").append(esc(o.periodEnd()))
        .append(". Rates are numerator / (denominator - exclusions - exceptions).");
    if (suppress) {
      b.append(" Rows whose denominator is 1 to ").append(SmallCells.MIN_SHOWN - 1).append(" are suppressed.");
    }
    b.append("</p>");
    List<List<Object>> all = new ArrayList<>();
    List<List<Object>> byOrg = new ArrayList<>();
    List<List<Object>> byPractitioner = new ArrayList<>();
    for (Map<String, Object> r : o.rates()) {
      String unit = String.valueOf(r.get("unit_id"));
      List<Object> row = new ArrayList<>();
      switch (String.valueOf(r.get("unit_type"))) {
        case "all" -> all.add(row);
        case "organization" -> {
          if (orgs != null && !orgs.contains(unit)) {
            continue;
          }
          row.add(unit);
          byOrg.add(row);
        }
        case "practitioner" -> {
          Set<String> of = o.practitionerOrganizations().getOrDefault(unit, Set.of());
          if (orgs != null && of.stream().noneMatch(orgs::contains)) {
            continue;
          }
          row.add(unit);
          byPractitioner.add(row);
        }
        default -> {
          continue;
        }
      }
      row.addAll(cells(r, o.measures(), targets, suppress));
    }
    List<String> headers = List.of("Measure", "Title", "Rate", "Target", "Meets", "Denominator", "Numerator");
    b.append("<section><h2>Measure rates against targets</h2>").append(table("rate-table", headers, all))
        .append("</section>");
    b.append("<section><h2>Numerator met by month (cumulative share of the denominator)</h2>")
        .append("<script type=\"application/json\" id=\"monthly-series\">").append(monthlyJson(o, suppress))
        .append("</script><div class=\"charts\" id=\"monthly-chart\"></div></section>");
    List<String> orgHeaders = new ArrayList<>(List.of("Organization"));
    orgHeaders.addAll(headers);
    List<String> practitionerHeaders = new ArrayList<>(List.of("Practitioner"));
    practitionerHeaders.addAll(headers);
    b.append("<section><h2>By organization</h2>").append(table("org-rate-table", orgHeaders, byOrg))
        .append("</section><section><h2>By practitioner</h2>")
        .append(table("practitioner-rate-table", practitionerHeaders, byPractitioner)).append("</section>");
    return b.toString();
  }

  /** Measure, title, rate, target, whether met, denominator, numerator; counts and rate withheld on small cells. */
  private static List<Object> cells(Map<String, Object> r, Map<String, Map<String, Object>> measures,
      Map<String, Double> targets, boolean suppress) {
    Map<String, Object> m = measures.getOrDefault(r.get("measure_id") + "|" + r.get("group_id"), Map.of());
    boolean inverse = "decrease".equals(m.get("improvement_notation"));
    Double target = targets.get(String.valueOf(r.get("measure_id")));
    String targetText = target == null ? "" : (inverse ? "≤ " : "≥ ") + pct(target);
    if (suppress && (SmallCells.suppressed(r.get("denominator")) || SmallCells.suppressed(effective(r)))) {
      String small = "<" + SmallCells.MIN_SHOWN;
      return List.of(String.valueOf(r.get("measure_id")), nz(m.get("title")), "suppressed", targetText, "", small,
          "");
    }
    Double rate = (Double) r.get("performance_rate");
    String meets = target == null || rate == null ? "" : (inverse ? rate <= target : rate >= target) ? "yes" : "no";
    return List.of(String.valueOf(r.get("measure_id")), nz(m.get("title")), pct(rate), targetText, meets,
        nz(r.get("denominator")), nz(r.get("numerator")));
  }

  /** The denominator the rate divides by: less exclusions and exceptions. */
  private static long effective(Map<String, Object> r) {
    return num(r.get("denominator")) - num(r.get("denominator_exclusion")) - num(r.get("denominator_exception"));
  }

  private static long num(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }

  private static String monthlyJson(Overview o, boolean suppress) {
    StringBuilder json = new StringBuilder("{\"series\":[");
    boolean first = true;
    for (var en : new TreeMap<>(o.monthly()).entrySet()) {
      Map<String, Double> cum = en.getValue().cumulative();
      if (cum.isEmpty() || suppress && SmallCells.suppressed(en.getValue().denominator())) {
        continue;
      }
      json.append(first ? "" : ",").append("{\"label\":").append(Json.str(en.getKey().replace('|', ' ')))
          .append(",\"x\":[");
      first = false;
      int i = 0;
      for (String month : cum.keySet()) {
        json.append(i++ == 0 ? "" : ",").append(Json.str(month));
      }
      json.append("],\"y\":[");
      i = 0;
      for (Double v : cum.values()) {
        json.append(i++ == 0 ? "" : ",").append(Json.num(v));
      }
      json.append("]}");
    }
    return json.append("]}").toString();
  }

  private static String pct(Double d) {
    return d == null ? "" : String.format("%.1f%%", d * 100);
  }
}
