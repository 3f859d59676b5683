package org.carelake.marts.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.junit.jupiter.api.Test;

/** Cohort membership history: entered and exited dates kept across runs, idempotent per as-of date. */
class CohortBuildTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static final String FEATURES = "SELECT person_id, year(:as_of) - year(birth_date) AS age, gender "
      + "FROM VALUES ('p1', DATE'1955-03-01', 'female'), ('p2', DATE'1990-07-01', 'male') "
      + "AS t(person_id, birth_date, gender)";

  private static CohortDefinition cohort(String id, String match, String... nameSql) {
    StringBuilder json = new StringBuilder("{\"id\":\"" + id + "\",\"title\":\"T " + id + "\",\"match\":\"" + match
        + "\",\"criteria\":[");
    for (int i = 0; i < nameSql.length; i += 2) {
      json.append(i == 0 ? "" : ",").append("{\"name\":\"").append(nameSql[i]).append("\",\"sql\":\"")
          .append(nameSql[i + 1]).append("\"}");
    }
    return CohortDefinition.parse(id + ".json", json.append("]}").toString());
  }

  private static Map<String, Row> rows(Lakehouse lh, String cohort) {
    Map<String, Row> out = new java.util.TreeMap<>();
    for (Row r : lh.sql("SELECT * FROM gold.cohort_membership WHERE cohort_id = '" + cohort + "' "
        + "ORDER BY person_id, entered_on").collectAsList()) {
      out.put(r.getString(r.fieldIndex("person_id")) + "@" + r.getAs("entered_on"), r);
    }
    return out;
  }

  @Test
  void membersEnterAndExitAsTheyQualifyAndRerunningADateChangesNothing() {
    Lakehouse lh = SharedSpark.freshLakehouse("cohorts");
    CohortBuild build = new CohortBuild(lh, List.of(
        cohort("seventy-plus", "all", "age 70+", "age >= 70"),
        cohort("women-or-young", "any", "female", "gender = 'female'", "under 35", "age < 35")), FEATURES, QUIET);

    assertEquals(Map.of("seventy-plus", 0L, "women-or-young", 2L), build.run(LocalDate.of(2024, 12, 31)));
    assertEquals(Map.of("seventy-plus", 1L, "women-or-young", 1L), build.run(LocalDate.of(2025, 12, 31)));
    build.run(LocalDate.of(2025, 12, 31));

    Map<String, Row> seventy = rows(lh, "seventy-plus");
    assertEquals(List.of("p1@2025-12-31"), List.copyOf(seventy.keySet()), "p1 turned 70 in 2025");
    Map<String, Row> mixed = rows(lh, "women-or-young");
    assertEquals(2, mixed.size(), "a rerun of 2025-12-31 adds nothing: " + mixed.keySet());
    Row p2 = mixed.get("p2@2024-12-31");
    assertEquals(java.sql.Date.valueOf("2025-12-31"), p2.getAs("exited_on"), "p2 turned 35 in 2025: exited");
    Row p1 = mixed.get("p1@2024-12-31");
    assertNull(p1.getAs("exited_on"));
    assertEquals("female", p1.getAs("reason"), "the reason names the criteria that held");
    assertEquals(1L, lh.sql("SELECT members FROM gold.cohort WHERE cohort_id = 'women-or-young'").first().getLong(0));
  }

  @Test
  void badDefinitionsAreRejectedWithTheCohortNamed() {
    IllegalArgumentException noMatch = assertThrows(IllegalArgumentException.class,
        () -> cohort("x", "some", "a", "age > 1"));
    assertTrue(noMatch.getMessage().contains("x.json"), noMatch.getMessage());
    Lakehouse lh = SharedSpark.freshLakehouse("cohorts-bad");
    CohortBuild build = new CohortBuild(lh, List.of(cohort("broken", "all", "typo", "agee > 1")), FEATURES, QUIET);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> build.run(LocalDate.of(2025, 12, 31)));
    assertTrue(e.getMessage().startsWith("cohort broken:"), e.getMessage());
  }

  @Test
  void theShippedCohortsParseAndNameTheTablesTheyNeed() {
    Lakehouse lh = SharedSpark.freshLakehouse("cohorts-shipped");
    CohortBuild shipped = CohortBuild.shipped(lh, QUIET);
    assertTrue(shipped.missingInputs().contains("gold.risk_score"), shipped.missingInputs().toString());
  }
}
