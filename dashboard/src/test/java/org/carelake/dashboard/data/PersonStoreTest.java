package org.carelake.dashboard.data;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.carelake.core.TableName;
import org.carelake.dashboard.DashboardFixture;
import org.junit.jupiter.api.Test;

/**
 * The Patient 360 store: rows come back with the Java types and order Spark gives the pages, people without rows get
 * none, a table over the memory budget (or with a value the codec does not keep) is read through Spark instead, and
 * a refresh swaps the whole snapshot at once.
 */
class PersonStoreTest {
  private static final TableName T = TableName.of(org.carelake.core.Layer.GOLD, "store_test");

  /** Every type the Patient 360 tables hold, nulls, an empty evidence list and more rows than one partition. */
  private static Dataset<Row> frame(Lakehouse lh) {
    return lh.sql("SELECT person_id, n, label, DATE'2025-03-01' + CAST(n AS INT) AS day, "
        + "TIMESTAMP'2025-03-01 10:15:30.123456' + make_interval(0, 0, 0, 0, n, 0, 0) AS at, n / 7.0D AS ratio, "
        + "CAST(n AS DECIMAL(38,12)) / 3 AS amount, n % 2 = 0 AS even, CAST(n AS INT) AS small, "
        + "IF(n % 3 = 0, NULL, array('a', CAST(n AS STRING))) AS tags, map('x', n * 0.5D, 'y', 0.0D) AS parts, "
        + "IF(n % 4 = 0, CAST(array() AS ARRAY<STRUCT<population: STRING, resource: STRING, date: TIMESTAMP, "
        + "detail: STRING>>), array(named_struct('population', 'numerator', 'resource', concat('Observation/', n), "
        + "'date', TIMESTAMP'2025-09-01 00:00:00', 'detail', CAST(NULL AS STRING)))) AS evidence "
        + "FROM (SELECT concat('p', id % 5) AS person_id, id AS n, IF(id % 6 = 0, NULL, concat('ü-', id)) AS label "
        + "FROM range(0, 400))");
  }

  private static PersonTable table() {
    return PersonTable.of(T, col("n").desc());
  }

  @Test
  void roundTripKeepsTypesAndOrder() {
    Lakehouse lh = DashboardFixture.lakehouse();
    Dataset<Row> d = frame(lh);
    PersonStore store = PersonStore.build(List.of(Map.entry(table(), d)), Long.MAX_VALUE);
    assertTrue(store.holds(T));
    assertTrue(store.fallbacks().isEmpty());
    assertTrue(store.bytes() > 0);
    for (String p : List.of("p0", "p1", "p4")) {
      List<Map<String, Object>> expected = Rows.toMaps(d.filter(col("person_id").equalTo(p)).orderBy(col("n").desc())
          .collectAsList());
      List<Map<String, Object>> actual = store.rows(T, p);
      assertEquals(80, actual.size());
      assertEquals(expected, actual);
      for (int i = 0; i < expected.size(); i++) {
        assertEquals(List.copyOf(expected.get(i).keySet()), List.copyOf(actual.get(i).keySet()), "column order");
        for (Map.Entry<String, Object> e : expected.get(i).entrySet()) {
          Object a = actual.get(i).get(e.getKey());
          if (e.getValue() instanceof List<?> || e.getValue() instanceof Map<?, ?>) {
            assertEquals(e.getValue().toString(), a.toString(), e.getKey());
          } else if (e.getValue() != null) {
            assertEquals(e.getValue().getClass(), a.getClass(), e.getKey());
          }
        }
      }
    }
    // Evidence stays a list of maps, the components a map, as the page expects.
    Map<String, Object> first = store.rows(T, "p1").get(1);
    assertEquals(391L, first.get("n"));
    assertTrue(first.get("evidence") instanceof List<?> l && l.get(0) instanceof Map<?, ?>);
    assertTrue(first.get("parts") instanceof Map<?, ?>);
    assertTrue(first.get("at") instanceof java.sql.Timestamp t && t.getNanos() == 123_456_000);
  }

  @Test
  void aPersonWithoutRowsHasNone() {
    Lakehouse lh = DashboardFixture.lakehouse();
    PersonStore store = PersonStore.build(List.of(Map.entry(table(), frame(lh).limit(0))), Long.MAX_VALUE);
    assertTrue(store.holds(T));
    assertEquals(List.of(), store.rows(T, "p1"));
    PersonStore full = PersonStore.build(List.of(Map.entry(table(), frame(lh))), Long.MAX_VALUE);
    assertEquals(List.of(), full.rows(T, "nobody"));
  }

  @Test
  void aTableOverTheBudgetOrWithAnUnsupportedValueIsLeftToSpark() {
    Lakehouse lh = DashboardFixture.lakehouse();
    PersonTable small = PersonTable.of(TableName.of(org.carelake.core.Layer.GOLD, "store_small"));
    Dataset<Row> one = lh.sql("SELECT 'p1' AS person_id, 'x' AS v");
    PersonStore store = PersonStore.build(List.of(Map.entry(small, one), Map.entry(table(), frame(lh))), 400);
    assertTrue(store.holds(small.name()), "the small table first, within the budget");
    assertFalse(store.holds(T));
    assertEquals(List.of(table().name()), store.fallbacks().stream().map(PersonTable::name).toList());
    assertTrue(store.report().get(1).contains("served through Spark"), store.report().toString());

    Dataset<Row> struct = lh.sql("SELECT 'p1' AS person_id, named_struct('a', 1) AS s");
    PersonStore odd = PersonStore.build(List.of(Map.entry(PersonTable.of(T), struct)), Long.MAX_VALUE);
    assertFalse(odd.holds(T));
    assertEquals(1, odd.fallbacks().size());
  }

  @Test
  void theSparkPathServesTheSamePatient() {
    Lakehouse lh = DashboardFixture.lakehouse();
    GoldReader memory = new GoldReader(lh, Duration.ofMinutes(10), Clock.systemUTC(), Long.MAX_VALUE);
    GoldReader spark = new GoldReader(lh, Duration.ofMinutes(10), Clock.systemUTC(), 0);
    assertTrue(memory.personStoreReport().stream().noneMatch(l -> l.contains("through Spark")));
    assertTrue(spark.personStoreReport().stream().anyMatch(l -> l.contains("patient_timeline does not fit")));
    for (String p : List.of("p1", "p2", "p3")) {
      PatientRecord a = memory.patient(p);
      assertNotNull(a);
      assertEquals(spark.patient(p), a, p);
    }
    assertEquals(1, memory.patient("p1").identity().reviews().size());
    assertEquals(1, memory.patient("p3").identity().reviews().size(), "a review belongs to both people");
    assertNull(memory.patient("nobody"));
    spark.refresh();
  }

  @Test
  void aRefreshSwapsTheWholeSnapshot() {
    Lakehouse lh = SharedSpark.freshLakehouse("person-store-swap");
    lh.overwrite(GoldTables.DIM_PERSON, person(lh, "Old", "org-a"));
    lh.overwrite(GoldTables.CARE_GAP, lh.sql("SELECT 'CMS122' AS measure_id, 'g1' AS group_id, 'HbA1c' AS "
        + "measure_title, DATE'2025-01-01' AS period_start, DATE'2025-12-31' AS period_end, 'x1' AS person_id, "
        + "'open' AS status, 'no HbA1c' AS reason, DATE'2025-12-31' AS due_date, 'dr-1' AS practitioner_id, "
        + "'org-a' AS organization_id"));
    GoldReader reader = new GoldReader(lh, Duration.ofMinutes(10), Clock.systemUTC(), Long.MAX_VALUE);
    GoldReader.PatientView before = reader.patientView("x1");
    lh.overwrite(GoldTables.DIM_PERSON, person(lh, "New", "org-b"));
    reader.refresh();
    GoldReader.PatientView after = reader.patientView("x1");
    // A request that took the old snapshot keeps reading it: its panel check and its page agree.
    assertEquals("Old", before.record().person().get("given_name"));
    assertTrue(before.organizations().contains("org-a") && !before.organizations().contains("org-b"));
    assertEquals("New", after.record().person().get("given_name"));
    assertTrue(after.organizations().contains("org-b"));
  }

  private static Dataset<Row> person(Lakehouse lh, String given, String organization) {
    return lh.sql("SELECT 'x1' AS person_id, '" + given + "' AS given_name, 'Doe' AS family_name, "
        + "DATE'1970-01-01' AS birth_date, '" + organization + "' AS managing_organization_id");
  }
}
