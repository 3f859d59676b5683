package org.carelake.dashboard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write-ahead journal: durable before Delta, replayed exactly once after a crash, one chain under concurrency. */
class AuditJournalTest {
  // Long enough that nothing moves to Delta on its own during a test.
  private static final Duration NEVER = Duration.ofHours(1);

  private static AuditLog.Event view(String person) {
    return new AuditLog.Event("carol", "care_manager", "patient.view", person, null, "127.0.0.1");
  }

  private static long inDelta(Lakehouse lh) {
    return lh.exists(AuditLog.TABLE) ? lh.table(AuditLog.TABLE).count() : 0;
  }

  private static long distinctSeqs(Lakehouse lh) {
    return lh.table(AuditLog.TABLE).select("seq").distinct().count();
  }

  @Test
  void anEntryIsInTheJournalBeforeDeltaAndFlushMovesIt(@TempDir Path journal) throws Exception {
    Lakehouse lh = SharedSpark.freshLakehouse("journal-first");
    try (AuditLog log = new AuditLog(lh, Clock.systemUTC(), journal, NEVER)) {
      AuditEntry e = log.record(view("p1")).get();
      assertEquals(1, e.seq());
      assertEquals(0, inDelta(lh), "the caller is answered before any Delta commit");
      List<AuditEntry> journaled = AuditJournal.readAll(journal);
      assertEquals(List.of(e), journaled, "the entry is in the journal, as chained");
      assertTrue(AuditVerifier.verify(lh, journal).ok(), "verify includes the journal");
      assertEquals(1, AuditVerifier.verify(lh, journal).entries());

      log.flush();
      assertEquals(1, inDelta(lh));
      assertTrue(AuditJournal.readAll(journal).isEmpty(), "moved entries leave the journal");
    }
    assertEquals(1, inDelta(lh));
  }

  @Test
  void aCrashAfterTheFsyncLosesNothingAndReplaysOnce(@TempDir Path journal, @TempDir Path copy) throws Exception {
    Lakehouse lh = SharedSpark.freshLakehouse("journal-crash");
    try (AuditLog before = new AuditLog(lh, Clock.systemUTC(), journal)) {
      before.record(view("p0")).get();
    }
    assertEquals(1, inDelta(lh));

    AuditLog crashed = new AuditLog(lh, Clock.systemUTC(), journal, NEVER);
    for (int i = 1; i <= 3; i++) {
      crashed.record(view("p" + i)).get();
    }
    crashed.crash();
    assertEquals(1, inDelta(lh), "the crash came before the move");
    List<Path> left = AuditJournal.list(journal);
    assertFalse(left.isEmpty());
    for (Path p : left) {
      Files.copy(p, copy.resolve(p.getFileName()));
    }

    try (AuditLog restarted = new AuditLog(lh, Clock.systemUTC(), journal, NEVER)) {
      assertEquals(4, inDelta(lh), "the start replays the journal into Delta first");
      assertTrue(AuditJournal.list(journal).isEmpty());
      assertEquals(5, restarted.record(view("p4")).get().seq(), "the chain goes on after the replayed entries");
    }

    // A crash between the Delta commit and the deletion of the segment: the same entries again, and a line that the
    // crash cut off in the middle of its write.
    for (Path p : AuditJournal.list(copy)) {
      Files.copy(p, journal.resolve(p.getFileName()));
    }
    Files.writeString(AuditJournal.list(journal).get(0), "{\"seq\":6,\"at\":\"20", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    new AuditLog(lh, Clock.systemUTC(), journal, NEVER).close();

    AuditVerifier.Result r = AuditVerifier.verify(lh, journal);
    assertTrue(r.ok(), r.problem());
    assertEquals(5, r.entries());
    assertEquals(5, inDelta(lh), "nothing replayed twice");
    assertEquals(5, distinctSeqs(lh));
    assertTrue(AuditJournal.list(journal).isEmpty());
  }

  @Test
  void concurrentRecordsKeepOneChainWhileTheMoverRuns(@TempDir Path journal) throws Exception {
    Lakehouse lh = SharedSpark.freshLakehouse("journal-concurrent");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (AuditLog log = new AuditLog(lh, Clock.systemUTC(), journal, Duration.ofMillis(200))) {
      List<Future<CompletableFuture<AuditEntry>>> submitted = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        int k = i;
        submitted.add(pool.submit(() -> log.record(view("p" + k))));
      }
      for (var f : submitted) {
        f.get().get();
      }
      AuditVerifier.Result open = AuditVerifier.verify(lh, journal);
      assertTrue(open.ok(), open.problem());
      assertEquals(300, open.entries(), "Delta and the journal hold every entry once between them");
    } finally {
      pool.shutdown();
    }
    AuditVerifier.Result r = AuditVerifier.verify(lh);
    assertTrue(r.ok(), r.problem());
    assertEquals(300, r.entries(), "close moves everything to Delta");
    assertEquals(300, distinctSeqs(lh));
  }
}
