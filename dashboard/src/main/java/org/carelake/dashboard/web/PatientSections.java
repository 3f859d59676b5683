package org.carelake.dashboard.web;

import static org.carelake.dashboard.web.Views.nz;
import static org.carelake.dashboard.web.Views.table;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.carelake.dashboard.data.PatientIdentity;

/** The Patient 360 sections on where the person comes from (identity) and what happened when (timeline chart). */
final class PatientSections {
  /** Beyond this many months the timeline counts by year, so that a long history stays readable. */
  private static final int MAX_MONTHS = 120;

  private PatientSections() {}

  static String identity(PatientIdentity id, String personId) {
    StringBuilder b = new StringBuilder("<section id=\"identity\"><h2>Identity</h2><h3>Source records</h3>");
    List<List<Object>> sources = new ArrayList<>();
    for (Map<String, Object> s : id.sources()) {
      sources.add(List.of(nz(s.get("source_system")), nz(s.get("source_patient_id")), nz(s.get("mrn"))));
    }
    b.append(table("source-table", List.of("Source system", "Source patient id", "MRN"), sources));
    b.append("<h3>Identity links</h3>");
    List<List<Object>> links = new ArrayList<>();
    for (Map<String, Object> l : id.links()) {
      links.add(List.of(nz(l.get("source_system_a")) + " " + nz(l.get("source_patient_id_a")),
          nz(l.get("source_system_b")) + " " + nz(l.get("source_patient_id_b")), nz(l.get("rule")),
          decimal(l.get("weight"), 2), decimal(l.get("probability"), 4), nz(l.get("evidence"))));
    }
    b.append(table("link-table", List.of("Record", "Linked record", "Rule", "Weight", "Probability",
        "Decisive evidence"), links));
    if (!id.reviews().isEmpty()) {
      // Only this person's side is named: the other record may belong to someone outside the viewer's panel.
      List<List<Object>> reviews = new ArrayList<>();
      for (Map<String, Object> r : id.reviews()) {
        boolean mineA = personId.equals(r.get("person_id_a"));
        String side = mineA ? "a" : "b";
        String other = mineA ? "b" : "a";
        reviews.add(List.of(nz(r.get("source_system_" + side)) + " " + nz(r.get("source_patient_id_" + side)),
            "a record of " + nz(r.get("source_system_" + other)), decimal(r.get("probability"), 4), nz(r.get("guard")),
            nz(r.get("evidence"))));
      }
      b.append("<h3>Possible duplicates awaiting review</h3>").append(table("review-table", List.of("Record",
          "Other record", "Probability", "Why not linked", "Decisive evidence"), reviews));
    }
    return b.append("</section>").toString();
  }

  private static String decimal(Object o, int places) {
    return o instanceof Double d ? String.format("%." + places + "f", d) : "";
  }

  /**
   * Events per month (per year over long histories) and category, as a JSON block for a stacked bar chart:
   * {"labels": periods, "series": [{"label": event type, "y": counts}]}.
   */
  static String timeline(List<Map<String, Object>> events) {
    TreeMap<String, TreeMap<String, Long>> byType = new TreeMap<>();
    String first = null;
    String last = null;
    for (Map<String, Object> e : events) {
      Object t = e.get("start_time");
      if (t == null || e.get("event_type") == null) {
        continue;
      }
      String month = String.valueOf(t).substring(0, 7);
      first = first == null || month.compareTo(first) < 0 ? month : first;
      last = last == null || month.compareTo(last) > 0 ? month : last;
      byType.computeIfAbsent(String.valueOf(e.get("event_type")), k -> new TreeMap<>()).merge(month, 1L, Long::sum);
    }
    StringBuilder b = new StringBuilder("<section id=\"timeline\"><h2>Timeline</h2>");
    if (first == null) {
      return b.append("<p>No dated events.</p></section>").toString();
    }
    boolean yearly = YearMonth.parse(first).plusMonths(MAX_MONTHS).isBefore(YearMonth.parse(last));
    List<String> labels = new ArrayList<>();
    for (YearMonth m = YearMonth.parse(first); !m.isAfter(YearMonth.parse(last)); m = m.plusMonths(1)) {
      String label = yearly ? String.valueOf(m.getYear()) : m.toString();
      if (labels.isEmpty() || !labels.get(labels.size() - 1).equals(label)) {
        labels.add(label);
      }
    }
    StringBuilder json = new StringBuilder("{\"labels\":[");
    for (int i = 0; i < labels.size(); i++) {
      json.append(i == 0 ? "" : ",").append(Json.str(labels.get(i)));
    }
    json.append("],\"series\":[");
    boolean firstSeries = true;
    for (Map.Entry<String, TreeMap<String, Long>> en : byType.entrySet()) {
      TreeMap<String, Long> counts = new TreeMap<>();
      en.getValue().forEach((month, n) -> counts.merge(yearly ? month.substring(0, 4) : month, n, Long::sum));
      json.append(firstSeries ? "" : ",").append("{\"label\":").append(Json.str(en.getKey())).append(",\"y\":[");
      firstSeries = false;
      for (int i = 0; i < labels.size(); i++) {
        json.append(i == 0 ? "" : ",").append(counts.getOrDefault(labels.get(i), 0L));
      }
      json.append("]}");
    }
    json.append("]}");
    return b.append("<p class=\"meta\">Events by ").append(yearly ? "year" : "month")
        .append(" and kind.</p><script type=\"application/json\" id=\"timeline-series\">").append(json)
        .append("</script><div class=\"charts\" id=\"timeline-chart\"></div></section>").toString();
  }
}
