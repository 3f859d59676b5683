package org.carelake.dashboard.audit;

import static org.apache.spark.sql.functions.col;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;

/**
 * Recomputes the chain of {@code ops.audit_log} in sequence order. An edited entry fails its own hash; a deleted or
 * inserted one breaks the sequence or the next entry's prev_hash. (Cutting entries off the end leaves a valid chain:
 * compare the last seq and hash with a copy kept elsewhere to detect that.)
 */
public final class AuditVerifier {
  /** The outcome: entries checked, and the first broken one (null when the chain holds). */
  public record Result(long entries, AuditEntry lastGood, Long brokenSeq, String problem) {
    public boolean ok() {
      return brokenSeq == null;
    }
  }

  private AuditVerifier() {}

  /** The chain in Delta only. */
  public static Result verify(Lakehouse lh) {
    return verify(lh, null);
  }

  /**
   * The chain in Delta followed by the entries of the audit journal in {@code journalDir} (when not null) that Delta
   * does not hold yet: those of a running server, or left by a crash for the next start to replay.
   */
  public static Result verify(Lakehouse lh, Path journalDir) {
    TreeMap<Long, AuditEntry> journaled = new TreeMap<>();
    if (journalDir != null) {
      try {
        for (AuditEntry e : AuditJournal.readAll(journalDir)) {
          journaled.putIfAbsent(e.seq(), e);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the audit journal in " + journalDir, e);
      }
    }
    Iterator<Row> rows = lh.exists(AuditLog.TABLE) ? lh.table(AuditLog.TABLE).orderBy(col("seq")).toLocalIterator()
        : Collections.emptyIterator();
    long expectedSeq = 1;
    String prev = AuditEntry.GENESIS;
    AuditEntry lastGood = null;
    long n = 0;
    AuditEntry nextInDelta = rows.hasNext() ? AuditLog.toEntry(rows.next()) : null;
    while (nextInDelta != null || !journaled.isEmpty()) {
      // Delta and the journal merged by seq: several writers move their entries to Delta in any order, so a
      // journaled entry can come before, between or after the entries Delta holds.
      AuditEntry e;
      AuditEntry alsoJournaled = null;
      if (nextInDelta != null && (journaled.isEmpty() || nextInDelta.seq() <= journaled.firstKey())) {
        e = nextInDelta;
        alsoJournaled = journaled.remove(e.seq());
        nextInDelta = rows.hasNext() ? AuditLog.toEntry(rows.next()) : null;
      } else {
        e = journaled.pollFirstEntry().getValue();
      }
      String problem = null;
      if (e.seq() != expectedSeq) {
        problem = "expected seq " + expectedSeq + " but found " + e.seq() + " (an entry is missing or duplicated)";
      } else if (!prev.equals(e.prevHash())) {
        problem = "prev_hash does not match the hash of entry " + (e.seq() - 1);
      } else if (!e.computeHash().equals(e.hash())) {
        problem = "hash does not match the entry's contents (the entry was changed)";
      } else if (alsoJournaled != null && !alsoJournaled.hash().equals(e.hash())) {
        problem = "the journal holds a different entry with this seq (the chain forked)";
      }
      if (problem != null) {
        return new Result(n, lastGood, e.seq(), problem);
      }
      n++;
      lastGood = e;
      prev = e.hash();
      expectedSeq++;
    }
    return new Result(n, lastGood, null, null);
  }
}
