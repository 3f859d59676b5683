package org.carelake.dashboard.audit;

import static org.apache.spark.sql.functions.col;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.TableName;

/**
 * Appends to the hash-chained {@code ops.audit_log}. Requests enqueue; one writer thread numbers and chains what is
 * queued, continuing from the chain's shared head ({@link ChainHead}), so neither concurrent requests nor other
 * audit writers on this host (a second process, the SQL endpoint beside the dashboard) can fork the chain, and
 * writes the batch to a local journal with one fsync ({@link AuditJournal}). {@link #record} returns a future that completes once the entry is durable there: the pages
 * wait for it, so PHI is not shown unless its audit entry exists, without waiting for a Delta commit. A mover thread
 * appends the journaled entries to Delta every second (sooner after {@value #MOVE_BATCH} entries), and at start the
 * entries a crash left in the journal are replayed into Delta, those Delta already holds skipped by seq.
 */
public final class AuditLog implements AutoCloseable {
  public static final TableName TABLE = TableName.of(Layer.OPS, "audit_log");
  static final StructType SCHEMA = new StructType()
      .add("seq", DataTypes.LongType).add("at", DataTypes.TimestampType)
      .add("user", DataTypes.StringType).add("role", DataTypes.StringType).add("action", DataTypes.StringType)
      .add("person_id", DataTypes.StringType).add("detail", DataTypes.StringType).add("client", DataTypes.StringType)
      .add("prev_hash", DataTypes.StringType).add("hash", DataTypes.StringType);
  private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
  private static final int MAX_BATCH = 1000;
  private static final int MOVE_BATCH = 500;
  private static final Duration MOVE_EVERY = Duration.ofSeconds(1);

  /** What a caller asks to record; the writer adds sequence, time and hashes. */
  public record Event(String user, String role, String action, String personId, String detail, String client) {}

  private record Pending(Event event, CompletableFuture<AuditEntry> done) {}

  private final Lakehouse lh;
  private final Clock clock;
  private final AuditJournal journal;
  private final ChainHead head;
  private final Duration moveEvery;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final Thread mover;
  private final Object moveSignal = new Object();
  private final Object moveLock = new Object();
  private volatile boolean closing;
  private volatile boolean stopMover;
  private int unmoved;
  private ChainHead.Position last;

  /** With the journal in its default directory ({@link JournalDir}). */
  public AuditLog(Lakehouse lh, Clock clock) {
    this(lh, clock, JournalDir.resolve(lh.root(), null));
  }

  public AuditLog(Lakehouse lh, Clock clock, Path journalDir) {
    this(lh, clock, journalDir, MOVE_EVERY);
  }

  /** {@code moveEvery}: how often the mover appends journaled entries to Delta (tests stretch it). */
  AuditLog(Lakehouse lh, Clock clock, Path journalDir, Duration moveEvery) {
    this.lh = lh;
    this.clock = clock;
    this.moveEvery = moveEvery;
    this.journal = new AuditJournal(journalDir);
    this.head = new ChainHead(journalDir);
    AuditEntry last = lastEntry(lh);
    ChainHead.Position written;
    try {
      // The chain goes on from the newest entry anywhere: Delta, or a journal not yet moved into it.
      for (AuditEntry e : AuditJournal.readAll(journalDir)) {
        if (last == null || e.seq() > last.seq()) {
          last = e;
        }
      }
      journal.adoptOrphans();
      written = head.read();
    } catch (IOException e) {
      journal.close();
      throw new UncheckedIOException("cannot read the audit journal in " + journalDir, e);
    }
    this.last = (last == null ? new ChainHead.Position(0, AuditEntry.GENESIS)
        : new ChainHead.Position(last.seq(), last.hash())).newer(written);
    try {
      moveToDelta();
    } catch (RuntimeException e) {
      // The entries stay journaled and are moved by the next attempt: the chain above already continues them.
      LOG.log(Level.SEVERE, "replaying the audit journal into Delta failed: " + e.getClass().getSimpleName());
    }
    this.writer = new Thread(this::drain, "carelake-audit-writer");
    writer.setDaemon(true);
    writer.start();
    this.mover = new Thread(this::moveLoop, "carelake-audit-mover");
    mover.setDaemon(true);
    mover.start();
  }

  public CompletableFuture<AuditEntry> record(Event event) {
    CompletableFuture<AuditEntry> f = new CompletableFuture<>();
    if (closing) {
      f.completeExceptionally(new IllegalStateException("audit log closed"));
      return f;
    }
    queue.add(new Pending(event, f));
    return f;
  }

  /**
   * Appends every journaled entry to {@code ops.audit_log} now: after it returns, each entry whose future has
   * completed is in Delta (for readers of the table, such as tests, and before a verify).
   */
  public void flush() {
    moveToDelta();
  }

  private void drain() {
    List<Pending> batch = new ArrayList<>();
    while (!closing || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<Pending> batch) {
    List<AuditEntry> entries = new ArrayList<>();
    try {
      last = head.advance(last, from -> {
        long seq = from.seq();
        String prev = from.hash();
        for (Pending p : batch) {
          Event e = p.event();
          AuditEntry entry = AuditEntry.chain(++seq, clock.instant(), e.user(), e.role(), e.action(), e.personId(),
              e.detail(), e.client(), prev);
          prev = entry.hash();
          entries.add(entry);
        }
        journal.append(entries);
        return new ChainHead.Position(seq, prev);
      });
    } catch (IOException | RuntimeException ex) {
      // Only a durable batch moves the chain on; a failed one is retried by nobody and reported to its callers.
      LOG.log(Level.SEVERE, "audit journal write failed: " + ex.getClass().getSimpleName());
      batch.forEach(p -> p.done().completeExceptionally(ex));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done().complete(entries.get(i));
    }
    unmoved += batch.size();
    if (unmoved >= MOVE_BATCH) {
      unmoved = 0;
      synchronized (moveSignal) {
        moveSignal.notifyAll();
      }
    }
  }

  private void moveLoop() {
    while (!stopMover) {
      try {
        synchronized (moveSignal) {
          moveSignal.wait(Math.max(1, moveEvery.toMillis()));
        }
      } catch (InterruptedException e) {
        return;
      }
      if (stopMover) {
        return;
      }
      try {
        moveToDelta();
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "moving audit entries to Delta failed (they stay journaled): "
            + e.getClass().getSimpleName());
      }
    }
  }

  /**
   * Appends the sealed segments' entries that Delta does not hold yet (by seq and hash: a replay after a crash
   * between the Delta commit and the deletion adds nothing twice) in one commit, then deletes the segments. Which seqs Delta
   * holds is read from the table, not remembered: other writers append their own, in any order.
   */
  private void moveToDelta() {
    synchronized (moveLock) {
      List<Path> segments = journal.seal();
      if (segments.isEmpty()) {
        return;
      }
      TreeMap<Long, AuditEntry> bySeq = new TreeMap<>();
      try {
        for (Path p : segments) {
          for (AuditEntry e : AuditJournal.read(p)) {
            bySeq.putIfAbsent(e.seq(), e);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (!bySeq.isEmpty() && lh.exists(TABLE)) {
        // Only the very same entry counts as held: a different one under the same seq (a writer elsewhere forked
        // the chain) is appended too, so that nothing is lost and verify shows the fork.
        lh.table(TABLE).where(col("seq").between(bySeq.firstKey(), bySeq.lastKey())).select("seq", "hash")
            .collectAsList().forEach(r -> bySeq.computeIfPresent(r.getLong(0),
                (seq, e) -> e.hash().equals(r.getString(1)) ? null : e));
      }
      if (!bySeq.isEmpty()) {
        List<Row> rows = new ArrayList<>();
        for (AuditEntry e : bySeq.values()) {
          rows.add(RowFactory.create(e.seq(), Timestamp.from(e.at()), e.user(), e.role(), e.action(), e.personId(),
              e.detail(), e.client(), e.prevHash(), e.hash()));
        }
        lh.append(TABLE, lh.spark().createDataFrame(rows, SCHEMA).coalesce(1));
      }
      try {
        journal.discard(segments);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static AuditEntry lastEntry(Lakehouse lh) {
    if (!lh.exists(TABLE)) {
      return null;
    }
    List<Row> rows = lh.table(TABLE).orderBy(col("seq").desc()).limit(1).collectAsList();
    return rows.isEmpty() ? null : toEntry(rows.get(0));
  }

  static AuditEntry toEntry(Row r) {
    Object at = r.getAs("at");
    Instant instant = at instanceof Timestamp t ? t.toInstant() : (Instant) at;
    return new AuditEntry(r.getAs("seq"), instant, r.getAs("user"), r.getAs("role"), r.getAs("action"),
        r.getAs("person_id"), r.getAs("detail"), r.getAs("client"), r.getAs("prev_hash"), r.getAs("hash"));
  }

  /** Journals what is queued, moves everything to Delta, then stops. */
  @Override
  public void close() {
    stop();
    try {
      moveToDelta();
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "moving audit entries to Delta at close failed (the next start replays them): "
          + e.getClass().getSimpleName());
    } finally {
      journal.close();
    }
  }

  /** As a killed process: stops without moving anything to Delta, leaving the journal for the next start. */
  void crash() {
    stop();
    journal.close();
  }

  private void stop() {
    closing = true;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(30));
      stopMover = true;
      synchronized (moveSignal) {
        moveSignal.notifyAll();
      }
      mover.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
