package org.carelake.orchestration.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.Publication;
import org.carelake.core.SharedSpark;
import org.carelake.core.TableName;
import org.carelake.orchestration.pipeline.PipelineFailedException;
import org.carelake.orchestration.pipeline.PipelineRunner;
import org.carelake.orchestration.pipeline.PipelineTask;
import org.carelake.orchestration.pipeline.RetryPolicy;
import org.carelake.orchestration.quality.QualityGate;
import org.carelake.orchestration.quality.QualityGates;
import org.carelake.orchestration.quality.QualityTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Write-audit-publish: readers of the published lakehouse see the gold versions the quality gates passed; a rebuild
 * that is not checked yet, or whose gates fail, stays invisible to them.
 */
class PublishTaskTest {
  private static final TableName PATIENT = TableName.of(Layer.SILVER, "patient");
  private static final TableName RATE = TableName.of(Layer.GOLD, "measure_rate");
  private static final String KEY_GATE = "silver_patient_key";
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  private static void rate(Lakehouse lh, double rate) {
    lh.overwrite(RATE, lh.sql("SELECT 'CMS122' AS measure_id, '1' AS group_id, date'2025-01-01' AS period_start, "
        + "date'2025-12-31' AS period_end, 'all' AS unit_type, CAST(NULL AS STRING) AS unit_id, "
        + "CAST(" + rate + " AS DOUBLE) AS performance_rate"));
  }

  private static double published(Lakehouse reader) {
    return reader.table(RATE).head().getDouble(6);
  }

  private static double publishedView(Lakehouse lh) {
    return lh.sql("SELECT performance_rate FROM published.measure_rate").head().getDouble(0);
  }

  /** Only the gate this test trips is checked: the others are turned off by configuration to keep it quick. */
  @BeforeEach
  void onlyThePatientKeyGate() {
    for (QualityGate g : QualityGates.shipped()) {
      if (!g.name().equals(KEY_GATE)) {
        SharedSpark.session().conf().set(QualityTask.CONF_PREFIX + g.name() + ".severity", "off");
      }
    }
  }

  @AfterEach
  void allGates() {
    QualityGates.shipped().forEach(g -> SharedSpark.session().conf().unset(QualityTask.CONF_PREFIX + g.name()
        + ".severity"));
  }

  @Test
  void publishesWhatTheGatesPassedAndNothingElse() throws Exception {
    Lakehouse lh = SharedSpark.freshLakehouse("publish");
    lh.overwrite(PATIENT, lh.sql("SELECT * FROM VALUES ('ehr', 'p1', 'P1'), ('ehr', 'p2', 'P2') "
        + "AS t(source_system, source_patient_id, person_id)"));
    rate(lh, 0.5);
    PipelineRunner runner = new PipelineRunner(lh, QUIET, RetryPolicy.defaults(), List.of());
    PublishTask publish = new PublishTask();
    Lakehouse reader = lh.published(); // as the dashboard holds it, for the whole test

    PipelineFailedException unchecked = assertThrows(PipelineFailedException.class,
        () -> runner.run(List.of(publish), false));
    assertTrue(unchecked.getMessage().contains("quality gates have not passed"), unchecked.getMessage());
    assertEquals(0.5, published(reader), 1e-9, "with nothing published, readers see gold as it is");

    List<PipelineTask> checkAndPublish = List.of(new QualityTask(), publish);
    runner.run(checkAndPublish, false);
    long checked = lh.latestVersion(RATE);
    assertEquals(checked, Publication.latest(lh).get(RATE));
    rate(lh, 0.9); // rebuilt, not yet checked
    assertEquals(0.9, lh.table(RATE).head().getDouble(6), 1e-9);
    assertEquals(0.5, published(reader), 1e-9, "the unchecked rebuild is not published");
    assertEquals(0.5, publishedView(lh), 1e-9);

    // --only publish without a new check publishes nothing new.
    runner.run(List.of(publish), false);
    assertEquals(checked, Publication.latest(lh).get(RATE));
    long publications = lh.table(Publication.TABLE).select("publication_id").distinct().count();

    runner.run(checkAndPublish, false);
    assertEquals(lh.latestVersion(RATE), Publication.latest(lh).get(RATE));
    assertEquals(0.9, publishedView(lh), 1e-9);
    Thread.sleep(2_100); // the reader looks for a newer publication every 2 s
    assertEquals(0.9, published(reader), 1e-9);
    assertEquals(publications + 1, lh.table(Publication.TABLE).select("publication_id").distinct().count());

    // A rebuild whose gates fail (a duplicate patient key) stops the run before publish: readers keep 0.9.
    lh.overwrite(PATIENT, lh.sql("SELECT * FROM VALUES ('ehr', 'p1', 'P1'), ('ehr', 'p1', 'P1') "
        + "AS t(source_system, source_patient_id, person_id)"));
    rate(lh, 0.1);
    assertThrows(PipelineFailedException.class, () -> runner.run(checkAndPublish, false));
    lh.attach();
    assertEquals(0.9, publishedView(lh), 1e-9);
    Thread.sleep(2_100);
    assertEquals(0.9, published(reader), 1e-9);

    // A published version that cannot be read any more (here the table is gone) leaves the other commands working.
    Path table = new Path(lh.path(RATE));
    assertTrue(table.getFileSystem(lh.spark().sparkContext().hadoopConfiguration()).delete(table, true));
    lh.attach();
    assertFalse(lh.inCatalog("published", "measure_rate"));
    assertEquals(2, lh.table(PATIENT).count());
  }
}
