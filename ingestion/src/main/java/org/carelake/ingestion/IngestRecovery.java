package org.carelake.ingestion;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.TableName;
import org.carelake.core.Tables;

/**
 * Removes the rows of batches that never reached the ingest ledger: a process that died between its bronze or
 * quarantine append and its ledger commit. Runs under the writer lock before every ingest, so the re-run of a
 * crashed ingest starts from exactly the state before it.
 */
public final class IngestRecovery {
  private IngestRecovery() {}

  public static void rollBackIncompleteBatches(Lakehouse lh, PrintStream out) {
    for (TableName t : List.of(Tables.FHIR_RESOURCE, Tables.HL7V2_MESSAGE, Tables.QUARANTINE_INPUT)) {
      if (!lh.exists(t)) {
        continue;
      }
      Dataset<Row> batches = lh.table(t).select("batch_id").distinct();
      if (lh.exists(Tables.INGEST_LEDGER)) {
        batches = lh.table(t).select("batch_id").distinct().except(
            lh.table(Tables.INGEST_LEDGER).select("batch_id").distinct());
      }
      List<String> orphans = batches.collectAsList().stream().map(r -> r.getString(0)).collect(Collectors.toList());
      if (orphans.isEmpty()) {
        continue;
      }
      String in = orphans.stream().map(b -> "'" + b.replace("'", "''") + "'").collect(Collectors.joining(","));
      lh.sql("DELETE FROM delta.`" + lh.path(t) + "` WHERE batch_id IN (" + in + ")");
      out.printf("recovered: removed %d incomplete batch(es) from %s: %s%n", orphans.size(), t, String.join(", ", orphans));
    }
  }
}
