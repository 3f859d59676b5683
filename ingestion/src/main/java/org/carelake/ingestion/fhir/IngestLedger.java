package org.carelake.ingestion.fhir;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.Tables;

/** {@code ops.ingest_ledger}: one row per committed input file; its fingerprints make re-ingesting a no-op. */
public final class IngestLedger {
  private IngestLedger() {}

  public static String fingerprint(long size, String sha256) {
    return size + ":" + sha256;
  }

  /** Fingerprints of the files already committed for this source. */
  public static Set<String> committedFingerprints(Lakehouse lh, String source) {
    Set<String> out = new HashSet<>();
    if (!lh.exists(Tables.INGEST_LEDGER)) {
      return out;
    }
    List<Row> rows = lh.table(Tables.INGEST_LEDGER).where("source_system = '" + source.replace("'", "''") + "'")
        .select("file_size", "file_sha256").distinct().collectAsList();
    for (Row r : rows) {
      out.add(fingerprint(r.getLong(0), r.getString(1)));
    }
    return out;
  }

  /** Whether any committed file of this kind (any source) brought accepted rows, i.e. bronze may hold earlier ones. */
  public static boolean anyAccepted(Lakehouse lh, String kind) {
    return lh.exists(Tables.INGEST_LEDGER) && !lh.table(Tables.INGEST_LEDGER)
        .where("kind = '" + kind.replace("'", "''") + "' AND accepted > 0").limit(1).isEmpty();
  }

  public static void commit(Lakehouse lh, List<Row> rows) {
    lh.appendAddingColumns(Tables.INGEST_LEDGER, lh.spark().createDataFrame(rows, BronzeSchemas.INGEST_LEDGER));
  }
}
