package org.carelake.dashboard.audit;

import static org.apache.spark.sql.functions.col;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * queued and appends it in one Delta commit, so concurrent requests can never fork the chain, and a busy server
 * writes few commits. {@link #record} returns a future that completes once the entry is durable: the pages wait for
 * it, so PHI is not shown unless its audit entry exists.
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

  /** What a caller asks to record; the writer adds sequence, time and hashes. */
  public record Event(String user, String role, String action, String personId, String detail, String client) {}

  private record Pending(Event event, CompletableFuture<AuditEntry> done) {}

  private final Lakehouse lh;
  private final Clock clock;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closing;
  private long lastSeq;
  private String lastHash;

  public AuditLog(Lakehouse lh, Clock clock) {
    this.lh = lh;
    this.clock = clock;
    AuditEntry last = lastEntry(lh);
    this.lastSeq = last == null ? 0 : last.seq();
    this.lastHash = last == null ? AuditEntry.GENESIS : last.hash();
    this.writer = new Thread(this::drain, "carelake-audit-writer");
    writer.setDaemon(true);
    writer.start();
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
    long seq = lastSeq;
    String prev = lastHash;
    List<AuditEntry> entries = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    for (Pending p : batch) {
      Event e = p.event();
      AuditEntry entry = AuditEntry.chain(++seq, clock.instant(), e.user(), e.role(), e.action(), e.personId(),
          e.detail(), e.client(), prev);
      prev = entry.hash();
      entries.add(entry);
      rows.add(RowFactory.create(entry.seq(), Timestamp.from(entry.at()), entry.user(), entry.role(), entry.action(),
          entry.personId(), entry.detail(), entry.client(), entry.prevHash(), entry.hash()));
    }
    try {
      lh.append(TABLE, lh.spark().createDataFrame(rows, SCHEMA).coalesce(1));
      // Only a committed batch moves the chain on; a failed one is retried by nobody and reported to its callers.
      lastSeq = seq;
      lastHash = prev;
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).done().complete(entries.get(i));
      }
    } catch (RuntimeException ex) {
      LOG.log(Level.SEVERE, "audit append failed: " + ex.getClass().getSimpleName());
      batch.forEach(p -> p.done().completeExceptionally(ex));
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

  /** Writes what is queued, then stops the writer. */
  @Override
  public void close() {
    closing = true;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
