package org.carelake.dashboard.audit;

import static org.apache.spark.sql.functions.col;
import java.util.Iterator;
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

  public static Result verify(Lakehouse lh) {
    if (!lh.exists(AuditLog.TABLE)) {
      return new Result(0, null, null, null);
    }
    Iterator<Row> it = lh.table(AuditLog.TABLE).orderBy(col("seq")).toLocalIterator();
    long expectedSeq = 1;
    String prev = AuditEntry.GENESIS;
    AuditEntry lastGood = null;
    long n = 0;
    while (it.hasNext()) {
      AuditEntry e = AuditLog.toEntry(it.next());
      String problem = null;
      if (e.seq() != expectedSeq) {
        problem = "expected seq " + expectedSeq + " but found " + e.seq() + " (an entry is missing or duplicated)";
      } else if (!prev.equals(e.prevHash())) {
        problem = "prev_hash does not match the hash of entry " + (e.seq() - 1);
      } else if (!e.computeHash().equals(e.hash())) {
        problem = "hash does not match the entry's contents (the entry was changed)";
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
