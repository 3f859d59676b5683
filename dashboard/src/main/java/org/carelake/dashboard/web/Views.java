package org.carelake.dashboard.web;

import static org.carelake.dashboard.web.Html.esc;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.carelake.dashboard.auth.WebSession;
import org.carelake.dashboard.data.GoldReader;
import org.carelake.dashboard.data.PatientRecord;
import org.carelake.dashboard.data.WorklistQuery;
import org.carelake.dashboard.data.WorklistRow;

/** Server-rendered HTML of the pages; chart data goes into JSON blocks that charts.js reads (no inline script). */
final class Views {
  private static final int MAX_LAB_SERIES = 4;

  private Views() {}

  private static String options(Collection<String> values, String selected, String allLabel) {
    StringBuilder b = new StringBuilder("<option value=\"\">").append(esc(allLabel)).append("</option>");
    for (String v : values) {
      b.append("<option value=\"").append(esc(v)).append('"').append(v.equals(selected) ? " selected" : "")
          .append('>').append(esc(v)).append("</option>");
    }
    return b.toString();
  }

  static String worklist(Dashboard app, WebSession s, WorklistQuery q, List<WorklistRow> rows, int max) {
    StringBuilder b = new StringBuilder();
    GoldReader gold = app.gold();
    b.append("<p class=\"meta\">Open care gaps of ").append(s.user().role().id().equals("admin") ? "every organization"
        : "organizations " + esc(String.join(", ", s.user().organizations())))
        .append(", period ending ").append(esc(gold.periodEnd())).append(": ").append(rows.size()).append(" gaps.</p>");
    b.append("<form method=\"get\" action=\"/worklist\" class=\"filters\">")
        .append("<label>Measure <select name=\"measure\" id=\"f-measure\">")
        .append(options(gold.measures(), q.measure(), "all")).append("</select></label>")
        .append("<label>Cohort <select name=\"cohort\" id=\"f-cohort\">")
        .append(options(gold.cohorts(), q.cohort(), "all")).append("</select></label>")
        .append("<label>Sort <select name=\"sort\" id=\"f-sort\"><option value=\"risk\"")
        .append(q.sort() == WorklistQuery.Sort.RISK ? " selected" : "").append(">highest risk</option>")
        .append("<option value=\"due\"").append(q.sort() == WorklistQuery.Sort.DUE ? " selected" : "")
        .append(">earliest due</option></select></label><button type=\"submit\">Apply</button>");
    String qs = "?sort=" + (q.sort() == WorklistQuery.Sort.DUE ? "due" : "risk")
        + (q.measure() == null ? "" : "&measure=" + Html.url(q.measure()))
        + (q.cohort() == null ? "" : "&cohort=" + Html.url(q.cohort()));
    b.append(" <a class=\"button\" id=\"export\" href=\"/worklist.csv").append(esc(qs))
        .append("\">Export CSV</a></form>");
    b.append("<table id=\"worklist\"><thead><tr><th>Risk (HCC V28)</th><th>Patient</th><th>Born</th><th>Measure</th>"
        + "<th>Why</th><th>Due</th><th>Cohorts</th><th>Outreach</th></tr></thead><tbody>");
    int shown = 0;
    for (WorklistRow r : rows) {
      if (shown++ >= max) {
        break;
      }
      b.append("<tr data-person=\"").append(esc(r.personId())).append("\"><td>")
          .append(r.risk() == null ? "" : String.format("%.3f", r.risk())).append("</td><td><a href=\"/patient/")
          .append(esc(Html.url(r.personId()))).append("\">").append(esc(r.name())).append("</a></td><td>")
          .append(esc(r.birthDate())).append("</td><td title=\"").append(esc(r.measureTitle())).append("\">")
          .append(esc(r.measureId())).append("</td><td>").append(esc(r.reason())).append("</td><td>")
          .append(esc(r.dueDate())).append("</td><td>").append(esc(String.join(", ", r.cohorts())))
          .append("</td><td><form method=\"post\" action=\"/outreach\" class=\"outreach\">").append(Html.csrf(s))
          .append(hidden("person", r.personId())).append(hidden("measure", r.measureId()))
          .append(hidden("group", r.groupId())).append(hidden("sort", q.sort().name().toLowerCase()));
      if (q.measure() != null) {
        b.append(hidden("f_measure", q.measure()));
      }
      if (q.cohort() != null) {
        b.append(hidden("f_cohort", q.cohort()));
      }
      b.append("<select name=\"status\"><option value=\"\">(none)</option>");
      for (String st : List.of("contacted", "scheduled", "declined", "closed")) {
        b.append("<option").append(st.equals(r.outreach()) ? " selected" : "").append('>').append(st)
            .append("</option>");
      }
      b.append("</select><button type=\"submit\">Save</button></form></td></tr>");
    }
    b.append("</tbody></table>");
    if (rows.size() > max) {
      b.append("<p class=\"meta\">Showing the first ").append(max).append("; filter or export for the rest.</p>");
    }
    return b.toString();
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + esc(value) + "\">";
  }

  static String table(String id, List<String> headers, List<List<Object>> rows) {
    StringBuilder b = new StringBuilder("<table id=\"").append(id).append("\"><thead><tr>");
    headers.forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
    b.append("</tr></thead><tbody>");
    for (List<Object> r : rows) {
      b.append("<tr>");
      r.forEach(c -> b.append("<td>").append(esc(c)).append("</td>"));
      b.append("</tr>");
    }
    if (rows.isEmpty()) {
      b.append("<tr><td colspan=\"").append(headers.size()).append("\">none</td></tr>");
    }
    return b.append("</tbody></table>").toString();
  }

  private static List<Map<String, Object>> events(PatientRecord p, String type) {
    return p.events().stream().filter(e -> type.equals(e.get("event_type"))).toList();
  }

  static String patient(PatientRecord p, Set<String> organizations) {
    Map<String, Object> d = p.person();
    StringBuilder b = new StringBuilder("<section id=\"demographics\"><h2>")
        .append(esc(d.get("given_name"))).append(' ').append(esc(d.get("family_name"))).append("</h2><dl>");
    for (String k : List.of("person_id", "birth_date", "gender", "deceased", "address_line", "address_city",
        "address_state", "address_postal_code", "phone", "mrn", "source_system", "source_patient_id",
        "source_records")) {
      if (d.containsKey(k)) {
        b.append("<dt>").append(esc(k.replace('_', ' '))).append("</dt><dd>").append(esc(d.get(k))).append("</dd>");
      }
    }
    b.append("<dt>organizations</dt><dd>").append(esc(String.join(", ", new java.util.TreeSet<>(organizations))))
        .append("</dd></dl></section>");
    b.append(PatientSections.identity(p.identity(), String.valueOf(d.get("person_id"))));
    b.append(PatientSections.timeline(p.events()));

    b.append("<section id=\"gaps\"><h2>Care gaps</h2>");
    List<List<Object>> gapRows = new ArrayList<>();
    for (Map<String, Object> g : p.gaps()) {
      List<Map<String, Object>> ev = p.evidence().getOrDefault(g.get("measure_id") + "|" + g.get("group_id") + "|"
          + g.get("period_end"), List.of());
      StringBuilder e = new StringBuilder();
      for (Map<String, Object> item : ev) {
        e.append(item.get("population")).append(": ").append(item.get("date") == null ? "" : item.get("date"))
            .append(' ').append(item.get("detail") == null ? "" : item.get("detail")).append(" (")
            .append(item.get("resource")).append("); ");
      }
      gapRows.add(List.of(String.valueOf(g.get("measure_id")), nz(g.get("measure_title")),
          nz(g.get("period_end")), nz(g.get("status")), nz(g.get("reason")), nz(g.get("due_date")), e.toString()));
    }
    b.append(table("gap-table", List.of("Measure", "Title", "Period end", "Status", "Reason", "Due", "Evidence"),
        gapRows)).append("</section>");

    b.append("<section id=\"risk\"><h2>Risk scores</h2>");
    List<List<Object>> riskRows = new ArrayList<>();
    for (Map<String, Object> r : p.risk()) {
      Object comps = r.get("components");
      String c = "";
      if (comps instanceof Map<?, ?> m) {
        StringBuilder cb = new StringBuilder();
        new TreeMap<>(m).forEach((k, v) -> {
          if (v instanceof Double dv && dv != 0.0) {
            cb.append(k).append(' ').append(String.format("%+.3f", dv)).append("; ");
          }
        });
        c = cb.toString();
      }
      riskRows.add(List.of(nz(r.get("model")), nz(r.get("as_of_date")), nz(r.get("score")),
          nz(r.get("score_adjusted")), nz(r.get("conditions")), c));
    }
    b.append(table("risk-table", List.of("Model", "As of", "Score", "Adjusted", "Conditions", "Components"), riskRows))
        .append("</section>");

    b.append("<section id=\"problems\"><h2>Problems</h2>").append(eventTable("problem-table",
        events(p, "condition"), false)).append("</section>");
    b.append("<section id=\"medications\"><h2>Medications</h2>").append(eventTable("medication-table",
        events(p, "medication_request"), false)).append("</section>");
    List<Map<String, Object>> labs = events(p, "observation");
    b.append("<section id=\"labs\"><h2>Labs</h2>").append(labCharts(labs))
        .append(eventTable("lab-table", labs.stream().limit(200).toList(), true)).append("</section>");

    List<List<Object>> cohortRows = new ArrayList<>();
    for (Map<String, Object> c : p.cohorts()) {
      cohortRows.add(List.of(nz(c.get("cohort_id")), nz(c.get("entered_on")), nz(c.get("exited_on")),
          nz(c.get("reason"))));
    }
    b.append("<section id=\"cohorts\"><h2>Cohorts</h2>")
        .append(table("cohort-table", List.of("Cohort", "Entered", "Exited", "Reason"), cohortRows))
        .append("</section>");
    return b.toString();
  }

  static Object nz(Object o) {
    return o == null ? "" : o;
  }

  private static String eventTable(String id, List<Map<String, Object>> events, boolean values) {
    List<List<Object>> rows = new ArrayList<>();
    for (Map<String, Object> e : events) {
      List<Object> r = new ArrayList<>(List.of(nz(e.get("start_time")), nz(e.get("description")),
          nz(e.get("code_system")) + " " + nz(e.get("code"))));
      if (values) {
        r.add(nz(e.get("value")) + " " + nz(e.get("value_unit")));
      } else {
        r.add(nz(e.get("end_time")));
      }
      r.add(nz(e.get("status")));
      rows.add(r);
    }
    return table(id, values ? List.of("When", "Test", "Code", "Value", "Status")
        : List.of("When", "What", "Code", "Until", "Status"), rows);
  }

  /** The numeric lab series with the most values (oldest first), as a JSON block and a canvas per series. */
  private static String labCharts(List<Map<String, Object>> labs) {
    Map<String, List<Map<String, Object>>> byTest = new LinkedHashMap<>();
    for (Map<String, Object> e : labs) {
      Object v = e.get("value");
      if (v != null && e.get("start_time") != null && String.valueOf(v).matches("-?[0-9]+(\\.[0-9]+)?")) {
        byTest.computeIfAbsent(String.valueOf(e.get("description")), k -> new ArrayList<>()).add(e);
      }
    }
    List<Map.Entry<String, List<Map<String, Object>>>> top = byTest.entrySet().stream()
        .filter(en -> en.getValue().size() >= 2)
        .sorted(Comparator.comparing((Map.Entry<String, List<Map<String, Object>>> en) -> -en.getValue().size())
            .thenComparing(Map.Entry::getKey))
        .limit(MAX_LAB_SERIES).toList();
    if (top.isEmpty()) {
      return "";
    }
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < top.size(); i++) {
      var en = top.get(i);
      List<Map<String, Object>> pts = new ArrayList<>(en.getValue());
      pts.sort(Comparator.comparing(e -> String.valueOf(e.get("start_time"))));
      json.append(i == 0 ? "" : ",").append("{\"label\":").append(Json.str(en.getKey() + " ("
          + nz(pts.get(0).get("value_unit")) + ")")).append(",\"x\":[");
      for (int j = 0; j < pts.size(); j++) {
        json.append(j == 0 ? "" : ",").append(Json.str(String.valueOf(pts.get(j).get("start_time")).substring(0, 10)));
      }
      json.append("],\"y\":[");
      for (int j = 0; j < pts.size(); j++) {
        json.append(j == 0 ? "" : ",").append(Json.num(Double.valueOf(String.valueOf(pts.get(j).get("value")))));
      }
      json.append("]}");
    }
    json.append(']');
    StringBuilder b = new StringBuilder("<script type=\"application/json\" id=\"lab-series\">").append(json)
        .append("</script><div class=\"charts\" id=\"lab-charts\"></div>");
    return b.toString();
  }
}
