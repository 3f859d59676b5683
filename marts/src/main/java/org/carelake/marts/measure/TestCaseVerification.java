package org.carelake.marts.measure;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;

/**
 * Compares gold.measure_population with a measure developer's test-case expectations (the MADiE export format of
 * expected.tsv: measure, patient id, case name, period, group, one count per population). A test patient absent from
 * gold.measure_population is in no population. Patients are matched by their source id in silver.patient.
 */
public final class TestCaseVerification {
  /** One expected row: populations with a blank expectation (not in the measure) are absent from the map. */
  public record Expected(String measureId, String patientId, String caseName, LocalDate periodStart,
      LocalDate periodEnd, int groupIndex, Map<Population, Boolean> flags) {}

  /** An expected row whose populations differ, with the actual flags. */
  public record Mismatch(Expected expected, Map<Population, Boolean> actual) {
    @Override
    public String toString() {
      StringBuilder s = new StringBuilder(expected.measureId()).append(" group ").append(expected.groupIndex())
          .append(" patient ").append(expected.patientId()).append(" '").append(expected.caseName()).append("':");
      expected.flags().forEach((p, want) -> {
        boolean got = actual.getOrDefault(p, false);
        if (got != want) {
          s.append(' ').append(p.column()).append(" expected ").append(want ? 1 : 0).append(" got ")
              .append(got ? 1 : 0);
        }
      });
      return s.toString();
    }
  }

  private static final String[] COLUMNS = {"initial_population", "denominator", "denominator_exclusion",
      "denominator_exception", "numerator", "numerator_exclusion"};

  private TestCaseVerification() {}

  /** Parses expected.tsv (header line first). */
  public static List<Expected> parse(List<String> lines) {
    String[] header = lines.get(0).split("\t", -1);
    Map<String, Integer> at = new HashMap<>();
    for (int i = 0; i < header.length; i++) {
      at.put(header[i], i);
    }
    List<Expected> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      Map<Population, Boolean> flags = new EnumMap<>(Population.class);
      for (String c : COLUMNS) {
        String v = f[at.get(c)].strip();
        if (!v.isEmpty()) {
          flags.put(Population.valueOf(c.toUpperCase()), Integer.parseInt(v) > 0);
        }
      }
      out.add(new Expected(f[at.get("cms_id")], f[at.get("patient_id")], f[at.get("case_name")],
          LocalDate.parse(f[at.get("period_start")]), LocalDate.parse(f[at.get("period_end")]),
          Integer.parseInt(f[at.get("group_index")]), flags));
    }
    return out;
  }

  /** The expected rows whose populations differ from gold.measure_population. */
  public static List<Mismatch> verify(Lakehouse lh, List<Expected> expected) {
    Map<String, Map<Population, Boolean>> actual = new HashMap<>();
    List<Row> rows = lh.sql("SELECT mp.*, p.source_patient_id FROM gold.measure_population mp "
        + "JOIN (SELECT DISTINCT person_id, source_patient_id FROM silver.patient) p ON p.person_id = mp.person_id")
        .collectAsList();
    for (Row r : rows) {
      Map<Population, Boolean> flags = new EnumMap<>(Population.class);
      for (String c : COLUMNS) {
        flags.put(Population.valueOf(c.toUpperCase()), r.<Boolean>getAs(c));
      }
      actual.put(key(r.getAs("measure_id"), r.<Integer>getAs("group_index"), r.getAs("source_patient_id"),
          r.getAs("period_start").toString(), r.getAs("period_end").toString()), flags);
    }
    List<Mismatch> out = new ArrayList<>();
    for (Expected e : expected) {
      Map<Population, Boolean> got = actual.getOrDefault(key(e.measureId(), e.groupIndex(), e.patientId(),
          e.periodStart().toString(), e.periodEnd().toString()), Map.of());
      boolean same = e.flags().entrySet().stream()
          .allMatch(x -> got.getOrDefault(x.getKey(), false).equals(x.getValue()));
      if (!same) {
        out.add(new Mismatch(e, got));
      }
    }
    return out;
  }

  private static String key(String measure, int group, String patient, String start, String end) {
    return measure + "|" + group + "|" + patient + "|" + start + "|" + end;
  }
}
