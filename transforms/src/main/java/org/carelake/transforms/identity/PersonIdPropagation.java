package org.carelake.transforms.identity;

import static org.apache.spark.sql.functions.sum;

import io.delta.tables.DeltaTable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.TableName;
import org.carelake.core.TableWriters;

/**
 * Sets person_id in every silver table keyed by source patient (source_system, source_patient_id, person_id) to
 * the resolved one, by one Delta MERGE per table whose join condition includes "person_id differs": Delta then
 * rewrites only the files holding rows whose id actually changes, and a table already right is not rewritten.
 * The changes come in as a small map (the records whose person_id is not silver's default or just changed)
 * instead of a rewrite of every table, which is what keeps a daily run cheap when few identities change.
 */
final class PersonIdPropagation {
  private PersonIdPropagation() {}

  /**
   * (source_system, source_rows): how many rows of the person-keyed silver tables each source has, from one column
   * of each (cheap beside the propagation's merges), so identity keeps the ids of the source it would cost most to
   * rewrite.
   */
  static Dataset<Row> rowsPerSource(Lakehouse lh) {
    Dataset<Row> all = null;
    for (TableName t : personKeyed(lh)) {
      Dataset<Row> counts = lh.table(t).groupBy("source_system").count();
      all = all == null ? counts : all.unionByName(counts);
    }
    return all == null ? lh.sql("SELECT CAST(NULL AS STRING) AS source_system, 0L AS source_rows WHERE false")
        : all.groupBy("source_system").agg(sum("count").as("source_rows"));
  }

  private static List<TableName> personKeyed(Lakehouse lh) {
    List<TableName> out = new ArrayList<>();
    for (TableName t : lh.discover()) {
      if (t.layer() == Layer.SILVER && !t.equals(IdentityTables.PERSON_MAP) && List.of(lh.table(t).columns())
          .containsAll(List.of("source_system", "source_patient_id", "person_id"))) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * changes: (source_system, source_patient_id, person_id); returns rows updated. The tables are independent, so
   * their MERGEs run four at a time (a Delta commit is mostly waiting, not computing).
   */
  static long run(Lakehouse lh, Dataset<Row> changes, PrintStream log) {
    List<TableName> tables = personKeyed(lh);
    List<Long> updated = TableWriters.map(tables, TableWriters.DEFAULT_THREADS, t -> merge(lh, t, changes));
    long total = 0;
    for (int i = 0; i < tables.size(); i++) {
      if (updated.get(i) > 0) {
        log.printf("  identity: silver.%s: person_id of %,d rows updated%n", tables.get(i).table(), updated.get(i));
      }
      total += updated.get(i);
    }
    return total;
  }

  private static long merge(Lakehouse lh, TableName t, Dataset<Row> changes) {
    DeltaTable table = DeltaTable.forPath(lh.spark(), lh.path(t));
    long before = version(table);
    table.as("t").merge(changes.as("s"), "t.source_system = s.source_system"
            + " AND t.source_patient_id = s.source_patient_id AND NOT (t.person_id <=> s.person_id)")
        .whenMatched().updateExpr(Map.of("person_id", "s.person_id")).execute();
    // A MERGE that changes nothing commits nothing: then the last commit is someone else's.
    Row last = table.history(1).select("operation", "operationMetrics", "version").head();
    return "MERGE".equals(last.getString(0)) && last.getLong(2) > before
        ? Long.parseLong(last.<String, String>getJavaMap(1).getOrDefault("numTargetRowsUpdated", "0")) : 0;
  }

  static long version(DeltaTable table) {
    return table.history(1).select("version").head().getLong(0);
  }
}
