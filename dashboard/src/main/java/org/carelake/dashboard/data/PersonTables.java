package org.carelake.dashboard.data;

import static org.apache.spark.sql.functions.col;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.TableName;

/**
 * The Patient 360 tables the {@link PersonStore} does not hold (over its memory budget), read through Spark: cached
 * and sorted by person, so that the cache's per-batch statistics let a lookup of one person skip nearly every batch
 * and a page costs a small in-memory job per table instead of a scan of the Delta table. Built with the snapshot
 * and dropped with it.
 */
final class PersonTables {
  private final Map<TableName, Dataset<Row>> cached = new HashMap<>();

  private PersonTables() {}

  static PersonTables none() {
    return new PersonTables();
  }

  /** Caches each table sorted by its first key and materializes it now (the warm-up pays, not a user). */
  static PersonTables cache(Lakehouse lh, List<PersonTable> tables) {
    PersonTables pt = new PersonTables();
    int parts = Math.max(1, lh.spark().sparkContext().defaultParallelism());
    for (PersonTable t : tables) {
      Dataset<Row> d = t.frame(lh);
      if (d == null) {
        continue;
      }
      String key = t.keys().get(0);
      d = d.repartitionByRange(parts, col(key)).sortWithinPartitions(key).cache();
      d.count();
      pt.cached.put(t.name(), d);
    }
    return pt;
  }

  boolean holds(TableName t) {
    return cached.containsKey(t);
  }

  /** The rows of one person, in the table's order: one task (no shuffle, which would cost a second job). */
  List<Map<String, Object>> byPerson(PersonTable t, String personId) {
    Dataset<Row> d = cached.get(t.name()).filter(t.matches(personId)).coalesce(1);
    List<Column> order = t.order();
    return Rows.toMaps((order.isEmpty() ? d : d.sortWithinPartitions(order.toArray(Column[]::new))).collectAsList());
  }

  void unpersist() {
    cached.values().forEach(Dataset::unpersist);
    cached.clear();
  }
}
