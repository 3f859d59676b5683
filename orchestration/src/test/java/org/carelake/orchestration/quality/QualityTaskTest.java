package org.carelake.orchestration.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.SharedSpark;
import org.carelake.core.TableName;
import org.carelake.orchestration.pipeline.PipelineFailedException;
import org.carelake.orchestration.pipeline.PipelineRunner;
import org.carelake.orchestration.pipeline.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped gates through the pipeline runner on a small lakehouse with planted defects. */
class QualityTaskTest {
  private static final TableName PATIENT = TableName.of(Layer.SILVER, "patient");
  private static final TableName RATE = TableName.of(Layer.GOLD, "measure_rate");
  private static final List<String> CONF = List.of("silver_patient_key.severity", "measure_rate_drift.max_change",
      "dir");

  @TempDir
  Path tmp;

  @AfterEach
  void resetConf() {
    for (String c : CONF) {
      SharedSpark.session().conf().unset(QualityTask.CONF_PREFIX + c);
    }
  }

  private static void rate(Lakehouse lh, double rate) {
    lh.overwrite(RATE, lh.sql("SELECT 'CMS122' AS measure_id, '1' AS group_id, date'2025-01-01' AS period_start, "
        + "date'2025-12-31' AS period_end, 'all' AS unit_type, CAST(NULL AS STRING) AS unit_id, "
        + "CAST(" + rate + " AS DOUBLE) AS performance_rate"));
  }

  private static Map<String, Row> results(Lakehouse lh) {
    return lh.sql("SELECT gate, status, violations, sample, detail FROM " + QualityTask.RESULTS.qualified()
        + " WHERE run_id = (SELECT max_by(run_id, checked_at) FROM " + QualityTask.RESULTS.qualified() + ")")
        .collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0), r -> r));
  }

  @Test
  void failsOnAViolatedFailGateWarnsOnDriftAndObeysConfiguration() throws Exception {
    Lakehouse lh = SharedSpark.freshLakehouse("quality");
    lh.overwrite(PATIENT, lh.sql("SELECT * FROM VALUES ('ehr', 'p1', 'P1'), ('ehr', 'p1', 'P1'), ('ehr', 'p2', 'P2') "
        + "AS t(source_system, source_patient_id, person_id)"));
    rate(lh, 0.5);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PipelineRunner runner = new PipelineRunner(lh, new PrintStream(log, true, StandardCharsets.UTF_8),
        RetryPolicy.defaults(), List.of());
    QualityTask quality = new QualityTask();

    PipelineFailedException failed = assertThrows(PipelineFailedException.class,
        () -> runner.run(List.of(quality), false));
    assertTrue(failed.getMessage().contains("silver_patient_key"), failed.getMessage());
    Map<String, Row> r = results(lh);
    assertEquals(QualityGates.shipped().size(), r.size());
    assertEquals("fail", r.get("silver_patient_key").getString(1));
    assertEquals(1L, r.get("silver_patient_key").getLong(2));
    assertTrue(r.get("silver_patient_key").getString(3).contains("\"source_patient_id\":\"p1\""),
        r.get("silver_patient_key").getString(3));
    assertEquals("skipped", r.get("ingest_counts_reconcile").getString(1)); // no ingest ledger here
    assertEquals("skipped", r.get("measure_rate_drift").getString(1)); // nothing earlier to compare with

    // Severity by configuration: the duplicate now warns and the task succeeds, recording what it checked.
    SharedSpark.session().conf().set(QualityTask.CONF_PREFIX + "silver_patient_key.severity", "warn");
    runner.run(List.of(quality), false);
    assertEquals("warn", results(lh).get("silver_patient_key").getString(1));
    // Drift compares with the last successful check, and the first one failed.
    assertEquals("skipped", results(lh).get("measure_rate_drift").getString(1));

    // The rate moves by 0.4 since the last successful check: drift warns, naming both rates.
    rate(lh, 0.9);
    runner.run(List.of(quality), false);
    Row drift = results(lh).get("measure_rate_drift");
    assertEquals("warn", drift.getString(1));
    assertTrue(drift.getString(3).contains("\"previous_rate\":0.5") && drift.getString(3).contains("\"rate\":0.9"),
        drift.getString(3));

    // A wider tolerance passes; a user's own gate directory adds gates.
    SharedSpark.session().conf().set(QualityTask.CONF_PREFIX + "measure_rate_drift.max_change", "0.5");
    Path dir = Files.createDirectories(tmp.resolve("gates"));
    Files.writeString(dir.resolve("patient_count.sql"), """
        -- At least min_patients patients.
        -- category: volume
        -- severity: warn
        -- requires: silver.patient
        -- param: min_patients = 10
        SELECT count(*) AS patients FROM silver.patient HAVING count(*) < ${min_patients}
        """);
    SharedSpark.session().conf().set(QualityTask.CONF_DIR, dir.toString());
    runner.run(List.of(quality), false);
    Map<String, Row> last = results(lh);
    assertEquals("pass", last.get("measure_rate_drift").getString(1));
    assertEquals("warn", last.get("patient_count").getString(1));
    assertEquals("At least min_patients patients.", last.get("patient_count").getString(4));
  }

  @Test
  void gateFilesAreCheckedWhenRead() {
    assertThrows(IllegalArgumentException.class, () -> QualityGate.parse("x", "-- severity: loud\nSELECT 1"));
    IllegalArgumentException undeclared = assertThrows(IllegalArgumentException.class,
        () -> QualityGate.parse("x", "SELECT 1 WHERE 2 > ${limit}"));
    assertTrue(undeclared.getMessage().contains("${limit}"), undeclared.getMessage());
    QualityGate g = QualityGate.parse("drift", """
        -- Rates that moved.
        -- severity: warn
        -- requires: gold.measure_rate, silver.patient
        -- param: max = 0.1
        SELECT * FROM ${previous:gold.measure_rate} WHERE x > ${max};
        """);
    assertEquals(QualityGate.Severity.WARN, g.severity());
    assertEquals(List.of(RATE, PATIENT), g.requires());
    assertEquals(List.of(RATE), g.previousTables());
    assertEquals("SELECT * FROM old WHERE x > 0.2", g.bind(Map.of("max", "0.2"), Map.of(RATE, "old")));
    for (QualityGate shipped : QualityGates.shipped()) {
      assertTrue(!shipped.description().isEmpty() && !shipped.requires().isEmpty(), shipped.name());
    }
  }
}
