package org.carelake.dashboard;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.carelake.dashboard.audit.AuditEntry;
import org.carelake.dashboard.audit.AuditLog;
import org.carelake.dashboard.audit.AuditVerifier;
import org.junit.jupiter.api.Test;

/** The audit chain holds under concurrent writers and shows an edited or deleted entry. */
class AuditLogTest {
  private static void record(Lakehouse lh, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (AuditLog log = new AuditLog(lh, Clock.systemUTC())) {
      List<CompletableFuture<AuditEntry>> all = new ArrayList<>();
      List<java.util.concurrent.Future<?>> submitted = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        submitted.add(pool.submit(() -> {
          synchronized (all) {
            all.add(log.record(new AuditLog.Event("u" + (k % 3), "care_manager", "patient.view", "p" + k, null,
                "127.0.0.1")));
          }
        }));
      }
      for (var f : submitted) {
        f.get();
      }
      for (var f : all) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static void rewrite(Lakehouse lh, Dataset<Row> rows) {
    List<Row> kept = rows.collectAsList();
    lh.overwrite(AuditLog.TABLE, lh.spark().createDataFrame(kept, rows.schema()));
  }

  @Test
  void concurrentRecordsFormOneUnbrokenChainAcrossRestarts() throws Exception {
    Lakehouse lh = SharedSpark.freshLakehouse("audit");
    record(lh, 40);
    record(lh, 5);
    AuditVerifier.Result r = AuditVerifier.verify(lh);
    assertTrue(r.ok(), r.problem());
    assertEquals(45, r.entries());
    assertEquals(45, r.lastGood().seq());
    assertEquals(45, lh.table(AuditLog.TABLE).select("seq").distinct().count(), "no sequence number twice");
  }

  @Test
  void anEditedOrDeletedEntryIsNamed() throws Exception {
    Lakehouse lh = SharedSpark.freshLakehouse("audit-tamper");
    record(lh, 6);
    assertTrue(AuditVerifier.verify(lh).ok());

    Dataset<Row> original = lh.table(AuditLog.TABLE);
    List<Row> keep = original.collectAsList();
    rewrite(lh, original.withColumn("person_id", when(col("seq").equalTo(lit(4L)), lit("someone-else"))
        .otherwise(col("person_id"))));
    AuditVerifier.Result edited = AuditVerifier.verify(lh);
    assertFalse(edited.ok());
    assertEquals(4L, edited.brokenSeq());
    assertTrue(edited.problem().contains("changed"), edited.problem());

    lh.overwrite(AuditLog.TABLE, lh.spark().createDataFrame(keep, original.schema()));
    assertTrue(AuditVerifier.verify(lh).ok(), "restored");
    rewrite(lh, lh.table(AuditLog.TABLE).filter(col("seq").notEqual(lit(3L))));
    AuditVerifier.Result deleted = AuditVerifier.verify(lh);
    assertFalse(deleted.ok());
    assertEquals(4L, deleted.brokenSeq(), "the entry after the gap is the first that does not chain");
  }
}
