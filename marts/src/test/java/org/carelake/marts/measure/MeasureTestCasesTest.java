package org.carelake.marts.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.carelake.ingestion.fhir.FhirBulkIngest;
import org.carelake.marts.GoldModels;
import org.carelake.transforms.silver.SilverBuild;
import org.carelake.transforms.silver.SilverViews;
import org.carelake.transforms.terminology.ShippedTerminology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The measure developers' own test patients, ingested through the normal pipeline (bulk NDJSON -> bronze -> silver
 * -> gold), then every measure evaluated for 2025: every expected population of every group of every test case
 * must match (expected.tsv, copied from the reference set). Also checks the care gaps and rates derived from them.
 */
class MeasureTestCasesTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static final MeasurementPeriod PERIOD = MeasurementPeriod.parse("2025-01-01/2025-12-31");
  /**
   * Test cases whose deciding records point their subject at another patient than the case's (the MADiE export did
   * not rewrite these references: "Patient/Patient-3", an id with spaces, another case's patient). The CQL reads
   * only records whose subject is the patient (e.g. CervicalCancerScreeningFHIR.cql lines 33-43, the qualifying
   * visit of the initial population), so the expected populations cannot be reached from this data. Kept and
   * checked: they must still differ, and for that reason; once the data is fixed this test says to drop them.
   */
  private static final Set<String> FOREIGN_SUBJECT_CASES = Set.of(
      // CMS124
      "25727adc-4495-4e13-9dfc-8b9cb6bf17b9", "3e21058f-64cc-4b0a-8c84-1122df974dae",
      "4c40d1e6-3943-4a0e-a95c-6e6b845f0851", "908f935e-43b9-4666-982a-f211d1cfcd50",
      "c5ea33df-060b-484a-b6c4-17c600559077",
      // CMS347
      "0f853b02-7949-4d97-ab69-1e48045afe95", "1d3021bb-b593-4efc-af5b-320243bbe9b7",
      "759a89b4-51ed-4622-adae-6b0930701ebb", "3e09af44-0445-4077-b73c-6896fdbe49c5",
      "a0202aaf-756f-4d08-8329-8fd585ddda63", "df05b853-3e6d-4a12-b1db-fd9d0ec790a2");
  private static Lakehouse lh;
  private static List<TestCaseVerification.Expected> expected;
  private static List<TestCaseVerification.Mismatch> mismatches;

  @BeforeAll
  static void evaluateTestPatients() throws IOException {
    lh = SharedSpark.freshLakehouse("measure-test-cases");
    Path bulk = Path.of(System.getProperty("user.dir"), "../ingestion/src/test/resources/fixtures/ecqm-2025-bulk");
    new FhirBulkIngest(lh, FhirBulkIngest.Options.defaults("madie", QUIET)).run(List.of(bulk.toString()));
    ShippedTerminology.ensure(lh, QUIET);
    new SilverBuild(lh, SilverViews.fromClasspath(), QUIET).run(true);
    GoldModels.build(lh, GoldModels.fromClasspath(), QUIET);
    new MeasureBuild(lh, MeasureLibrary.fromClasspath(), QUIET).run(PERIOD, List.of());
    try (InputStream in = MeasureTestCasesTest.class.getResourceAsStream("/ecqm-2025/expected.tsv")) {
      expected = TestCaseVerification.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
    }
    List<String> shipped = MeasureLibrary.fromClasspath().measures().stream().map(MeasureDefinition::id).toList();
    expected = expected.stream().filter(e -> shipped.contains(e.measureId())).toList();
    mismatches = TestCaseVerification.verify(lh, expected);
  }

  @TestFactory
  Stream<DynamicTest> everyExpectedPopulationOfEveryTestCaseMatches() {
    return MeasureLibrary.fromClasspath().measures().stream().map(m -> DynamicTest.dynamicTest(m.id(), () -> {
      long cases = expected.stream().filter(e -> e.measureId().equals(m.id())).count();
      assertTrue(cases > 0, m.id() + " has no test cases");
      List<String> wrong = mismatches.stream().filter(x -> x.expected().measureId().equals(m.id()))
          .filter(x -> !FOREIGN_SUBJECT_CASES.contains(x.expected().patientId())).map(Object::toString).toList();
      assertEquals(List.of(), wrong, m.id() + ": " + wrong.size() + " of " + cases + " test-case groups differ");
    }));
  }

  @Test
  void theCasesWithRecordsOfAnotherSubjectStillDifferForThatReason() {
    for (String patient : FOREIGN_SUBJECT_CASES) {
      assertTrue(mismatches.stream().anyMatch(x -> x.expected().patientId().equals(patient)),
          patient + " now matches: the test data was fixed, drop it from FOREIGN_SUBJECT_CASES");
      String prefix = patient.substring(0, 8);
      long foreign = lh.sql("SELECT source_id FROM (SELECT source_id, source_patient_id FROM silver.encounter "
          + "UNION ALL SELECT source_id, source_patient_id FROM silver.condition "
          + "UNION ALL SELECT source_id, source_patient_id FROM silver.observation) "
          + "WHERE source_id LIKE '" + prefix + "-%' AND NOT (source_patient_id <=> '" + patient + "')").count();
      assertTrue(foreign > 0, patient + ": some of its records should name another subject");
    }
  }

  @Test
  void careGapsFollowThePopulationsAndInverseMeasuresFlipTheNumerator() {
    List<Row> wrong = lh.sql("""
        SELECT g.measure_id, g.person_id, g.status, mp.numerator, mp.denominator_exclusion, m.improvement_notation
        FROM gold.care_gap g
        JOIN gold.measure_population mp USING (measure_id, group_id, period_start, period_end, person_id)
        JOIN gold.measure m USING (measure_id, group_id)
        WHERE g.status <> CASE
          WHEN mp.denominator_exclusion OR mp.denominator_exception THEN 'excluded'
          WHEN m.improvement_notation = 'decrease' THEN IF(mp.numerator, 'open', 'closed')
          ELSE IF(mp.numerator, 'closed', 'open') END
        """).collectAsList();
    assertEquals(List.of(), wrong);
    Row cms122 = lh.sql("SELECT count_if(status = 'open') AS open, count_if(numerator) AS numerator, "
        + "min(IF(status = 'open', due_date, NULL)) AS due FROM gold.care_gap "
        + "JOIN gold.measure_population USING (measure_id, group_id, period_start, period_end, person_id) "
        + "WHERE measure_id = 'CMS122'").first();
    assertTrue(cms122.<Long>getAs("open") > 0, "CMS122 test cases include poorly controlled diabetics");
    assertEquals(cms122.<Long>getAs("numerator"), cms122.<Long>getAs("open"), "CMS122: the numerator is the gap");
    assertEquals(java.sql.Date.valueOf(PERIOD.end()), cms122.getAs("due"));
    assertFalse(lh.sql("SELECT 1 FROM gold.care_gap WHERE status = 'excluded' AND reason NOT LIKE 'excluded: %'")
        .collectAsList().size() > 0, "an excluded gap quotes its exclusion");
  }

  @Test
  void evidenceIsInPopulationOrderThenByDate() {
    // Consecutive evidence items out of order: a later population before an earlier one, or, within a population, a
    // later date before an earlier one (a re-run must quote the same first exclusion and last numerator event).
    String order = "array('initial_population', 'denominator', 'denominator_exclusion', 'numerator', "
        + "'numerator_exclusion', 'denominator_exception')";
    long outOfOrder = lh.sql("SELECT count(*) FROM (SELECT measure_id, group_id, period_start, person_id, i, e "
        + "FROM gold.measure_population LATERAL VIEW posexplode(evidence) x AS i, e) a "
        + "JOIN (SELECT measure_id, group_id, period_start, person_id, j, f "
        + "FROM gold.measure_population LATERAL VIEW posexplode(evidence) y AS j, f) b "
        + "ON b.measure_id = a.measure_id AND b.group_id = a.group_id AND b.period_start = a.period_start "
        + "AND b.person_id = a.person_id AND b.j = a.i + 1 "
        + "WHERE array_position(" + order + ", a.e.population) > array_position(" + order + ", b.f.population) "
        + "OR (a.e.population = b.f.population AND a.e.date > b.f.date)").first().getLong(0);
    assertEquals(0, outOfOrder);
    assertTrue(lh.sql("SELECT count(*) FROM gold.measure_population WHERE size(evidence) >= 3").first().getLong(0) > 0,
        "people with several pieces of evidence exist, so the order is tested");
  }

  @Test
  void ratesCountTheDenominatorOnceOverallAndAddUpAcrossOrganizations() {
    List<Row> wrong = lh.sql("""
        SELECT a.measure_id, a.group_id, a.denominator, sum(o.denominator) AS by_org,
               first(a.performance_rate) AS rate,
               first((a.numerator - a.numerator_exclusion)
                     / nullif(a.denominator - a.denominator_exclusion - a.denominator_exception, 0)) AS expect
        FROM gold.measure_rate a
        JOIN gold.measure_rate o ON o.measure_id = a.measure_id AND o.group_id = a.group_id
          AND o.period_start = a.period_start AND o.unit_type = 'organization'
        WHERE a.unit_type = 'all' AND a.period_start = DATE'2025-01-01'
        GROUP BY a.measure_id, a.group_id, a.denominator
        HAVING a.denominator <> sum(o.denominator) OR NOT (rate <=> CAST(expect AS DOUBLE))
        """).collectAsList();
    assertEquals(List.of(), wrong);
    long groups = MeasureLibrary.fromClasspath().measures().stream().mapToLong(m -> m.groups().size()).sum();
    assertEquals(groups, lh.sql("SELECT count(*) FROM gold.measure_rate WHERE unit_type = 'all' "
        + "AND period_start = DATE'2025-01-01'").first().getLong(0));
  }

  @Test
  void rerunningAPeriodReplacesItsRowsAndKeepsOtherPeriods() {
    long before = lh.table(MeasureBuild.POPULATION).count();
    String gaps = "SELECT measure_id, group_id, person_id, status, reason FROM gold.care_gap "
        + "WHERE period_start = DATE'2025-01-01'";
    String rates = "SELECT measure_id, group_id, unit_type, unit_id, denominator, numerator FROM gold.measure_rate "
        + "WHERE period_start = DATE'2025-01-01'";
    List<Row> gapsBefore = sorted(lh.sql(gaps).collectAsList());
    List<Row> ratesBefore = sorted(lh.sql(rates).collectAsList());
    MeasureBuild build = new MeasureBuild(lh, MeasureLibrary.fromClasspath(), QUIET);
    build.run(PERIOD, List.of("CMS122"));
    assertEquals(before, lh.table(MeasureBuild.POPULATION).count(), "same period: replaced, not appended");
    // the period's gaps and rates are rebuilt from every measure's rows, not only the one re-run
    assertEquals(gapsBefore, sorted(lh.sql(gaps).collectAsList()));
    assertEquals(ratesBefore, sorted(lh.sql(rates).collectAsList()));
    MeasurementPeriod earlier = new MeasurementPeriod(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));
    build.run(earlier, List.of("CMS122"));
    assertEquals(before, lh.sql("SELECT count(*) FROM gold.measure_population WHERE period_start = DATE'2025-01-01'")
        .first().getLong(0), "the 2025 rows survive a 2024 run");
    assertTrue(lh.sql("SELECT count(*) FROM gold.measure_rate WHERE period_start = DATE'2025-01-01'")
        .first().getLong(0) > 0, "the 2025 rates survive a 2024 run");
    MeasurementPeriod empty = new MeasurementPeriod(LocalDate.of(1990, 1, 1), LocalDate.of(1990, 12, 31));
    build.run(empty, List.of("CMS122"));
    List<Row> zero = lh.sql("SELECT initial_population, performance_rate FROM gold.measure_rate "
        + "WHERE measure_id = 'CMS122' AND unit_type = 'all' AND period_start = DATE'1990-01-01'").collectAsList();
    assertEquals(1, zero.size(), "a group evaluated with nobody in it still has its rate row");
    assertEquals(0L, zero.get(0).getLong(0));
    assertTrue(zero.get(0).isNullAt(1), "no rate without a denominator");
  }

  private static List<Row> sorted(List<Row> rows) {
    return rows.stream().sorted(Comparator.comparing(Row::toString)).toList();
  }
}
