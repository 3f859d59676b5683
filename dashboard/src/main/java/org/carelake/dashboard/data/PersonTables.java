package org.carelake.dashboard.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.TableName;

/**
 * The tables a Patient 360 page reads, cached in Spark and sorted by person_id: the cache's per-batch statistics
 * then let a lookup of one person skip nearly every batch, so a page costs a few small in-memory jobs instead of a
 * scan of each Delta table. Built with the worklist snapshot and dropped with it (same time to live).
 */
final class PersonTables {
  private final Lakehouse lh;
  private final Map<TableName, Dataset<Row>> cached = new HashMap<>();

  private PersonTables(Lakehouse lh) {
    this.lh = lh;
  }

  /** Caches each existing table, sorted by {@code column}, and materializes it now (the warm-up pays, not a user). */
  static PersonTables cache(Lakehouse lh, Map<TableName, String> tables) {
    PersonTables pt = new PersonTables(lh);
    int parts = Math.max(1, lh.spark().sparkContext().defaultParallelism());
    for (Map.Entry<TableName, String> e : tables.entrySet()) {
      if (!lh.exists(e.getKey())) {
        continue;
      }
      Dataset<Row> d = lh.table(e.getKey());
      if (!List.of(d.columns()).contains(e.getValue())) {
        continue;
      }
      d = d.repartitionByRange(parts, col(e.getValue())).sortWithinPartitions(e.getValue()).cache();
      d.count();
      pt.cached.put(e.getKey(), d);
    }
    return pt;
  }

  /** The cached table, else (not cached: missing column, or a table created since) the Delta table itself. */
  Dataset<Row> table(TableName t) {
    Dataset<Row> d = cached.get(t);
    return d != null ? d : lh.table(t);
  }

  /** The rows of one person, in the given order. */
  List<Map<String, Object>> byPerson(TableName t, String personId, Column... order) {
    if (!cached.containsKey(t) && !lh.exists(t)) {
      return List.of();
    }
    return rows(t, col("person_id").equalTo(lit(personId)), order);
  }

  /** The rows matching {@code where}, in the given order: one task (no shuffle, which would cost a second job). */
  List<Map<String, Object>> rows(TableName t, Column where, Column... order) {
    Dataset<Row> d = table(t).filter(where).coalesce(1);
    return Rows.toMaps((order.length > 0 ? d.sortWithinPartitions(order) : d).collectAsList());
  }

  boolean exists(TableName t) {
    return cached.containsKey(t) || lh.exists(t);
  }

  void unpersist() {
    cached.values().forEach(Dataset::unpersist);
    cached.clear();
  }
}
