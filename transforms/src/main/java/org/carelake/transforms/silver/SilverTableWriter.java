package org.carelake.transforms.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.TableName;

/**
 * Writes one silver table: a full build replaces it in one commit; an incremental build MERGEs the rows of the
 * resources that changed. A resource's rows are keyed by (source, type, id, part, row): rows the new version still
 * has are updated, new ones inserted, and rows it no longer has (or all of them, if it was deleted) removed, all in
 * one Delta commit.
 */
final class SilverTableWriter {
  static final String[] RESOURCE_KEY = {"source_system", "_resource_type", "_resource_id"};
  static final String[] ROW_KEY = {"source_system", "_resource_type", "_resource_id", "_part", "_row"};

  private SilverTableWriter() {}

  static void replace(Lakehouse lh, TableName t, Dataset<Row> rows) {
    lh.overwrite(t, rows);
  }

  /** changedKeys: (source_system, _resource_type, _resource_id) of every resource whose current state changed. */
  static void merge(Lakehouse lh, TableName t, Dataset<Row> rows, Dataset<Row> changedKeys) {
    DeltaTable target = DeltaTable.forPath(lh.spark(), lh.path(t));
    Dataset<Row> current = target.toDF();
    Dataset<Row> stale = current.join(changedKeys, RESOURCE_KEY, "left_semi")
        .join(rows.select(keyColumns()), ROW_KEY, "left_anti")
        .select(rows.columns().length == 0 ? new org.apache.spark.sql.Column[0] : columnsOf(rows))
        .withColumn("_delete", lit(true));
    Dataset<Row> source = rows.withColumn("_delete", lit(false)).unionByName(stale);
    StringBuilder on = new StringBuilder();
    for (String k : ROW_KEY) {
      on.append(on.length() == 0 ? "" : " AND ").append("t.").append(k).append(" <=> s.").append(k);
    }
    Map<String, String> assign = new LinkedHashMap<>();
    for (String c : rows.columns()) {
      assign.put("`" + c + "`", "s.`" + c + "`");
    }
    target.as("t").merge(source.as("s"), on.toString())
        .whenMatched("s._delete").delete()
        .whenMatched().updateExpr(assign)
        .whenNotMatched("NOT s._delete").insertExpr(assign)
        .execute();
  }

  private static org.apache.spark.sql.Column[] keyColumns() {
    org.apache.spark.sql.Column[] cols = new org.apache.spark.sql.Column[ROW_KEY.length];
    for (int i = 0; i < ROW_KEY.length; i++) {
      cols[i] = col(ROW_KEY[i]);
    }
    return cols;
  }

  private static org.apache.spark.sql.Column[] columnsOf(Dataset<Row> rows) {
    String[] names = rows.columns();
    org.apache.spark.sql.Column[] cols = new org.apache.spark.sql.Column[names.length];
    for (int i = 0; i < names.length; i++) {
      cols[i] = col("`" + names[i] + "`");
    }
    return cols;
  }
}
