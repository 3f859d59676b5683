package org.carelake.dashboard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several audit writers on one lakehouse (the dashboard, the SQL endpoint, a CLI command): sharing a journal
 * directory they keep one chain; writers that cannot share one (other hosts) fork it, and verify says where.
 */
class AuditChainHeadTest {
  private static final Duration NEVER = Duration.ofHours(1);

  private static AuditLog.Event event(String user, String person) {
    return new AuditLog.Event(user, "analyst", "sql.query", person, null, "127.0.0.1");
  }

  @Test
  void writersSharingAJournalKeepOneChainWhateverOrderTheyMoveIn(@TempDir Path journal) throws Exception {
    Lakehouse lh = SharedSpark.freshLakehouse("chain-head");
    List<Long> seqs = new ArrayList<>();
    try (AuditLog dashboard = new AuditLog(lh, Clock.systemUTC(), journal, NEVER);
         AuditLog cli = new AuditLog(lh, Clock.systemUTC(), journal, NEVER)) {
      for (int i = 0; i < 3; i++) {
        seqs.add(dashboard.record(event("carol", "p" + i)).get().seq());
        seqs.add(cli.record(event("ana", null)).get().seq());
      }
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), seqs, "one sequence across both writers");

      dashboard.flush();
      assertEquals(3, lh.table(AuditLog.TABLE).count(), "only the dashboard's entries moved");
      assertFalse(AuditVerifier.verify(lh).ok(), "Delta alone misses the CLI's entries for now");
      AuditVerifier.Result merged = AuditVerifier.verify(lh, journal);
      assertTrue(merged.ok(), merged.problem());
      assertEquals(6, merged.entries(), "journaled entries between Delta's are checked in place");

      cli.flush();
    }
    AuditVerifier.Result all = AuditVerifier.verify(lh);
    assertTrue(all.ok(), all.problem());
    assertEquals(6, all.entries());
    assertEquals(6, lh.table(AuditLog.TABLE).select("seq").distinct().count());

    try (AuditLog next = new AuditLog(lh, Clock.systemUTC(), journal, NEVER)) {
      assertEquals(7, next.record(event("carol", "p9")).get().seq(), "a later writer goes on from the head");
    }
    assertTrue(AuditVerifier.verify(lh).ok());
  }

  @Test
  void writersWithSeparateJournalsForkAndVerifyNamesTheSeq(@TempDir Path hostA, @TempDir Path hostB)
      throws Exception {
    Lakehouse lh = SharedSpark.freshLakehouse("chain-fork");
    try (AuditLog a = new AuditLog(lh, Clock.systemUTC(), hostA, NEVER);
         AuditLog b = new AuditLog(lh, Clock.systemUTC(), hostB, NEVER)) {
      assertEquals(1, a.record(event("carol", "p1")).get().seq());
      assertEquals(1, b.record(event("ana", null)).get().seq(), "no shared head: both start the chain");
      a.flush();
      AuditVerifier.Result journalFork = AuditVerifier.verify(lh, hostB);
      assertFalse(journalFork.ok());
      assertEquals(1L, journalFork.brokenSeq());
      assertTrue(journalFork.problem().contains("forked"), journalFork.problem());
      b.flush();
    }
    AuditVerifier.Result deltaFork = AuditVerifier.verify(lh);
    assertFalse(deltaFork.ok(), "two entries with seq 1 in Delta");
    assertEquals(1L, deltaFork.brokenSeq());
  }
}
