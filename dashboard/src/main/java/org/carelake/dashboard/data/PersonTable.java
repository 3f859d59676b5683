package org.carelake.dashboard.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.TableName;

/**
 * A table Patient 360 reads by person: the column(s) naming the person (a row of identity_review belongs to both
 * of its people), the columns the page uses (null: all) and the order the page shows the rows in.
 */
record PersonTable(TableName name, List<String> keys, List<String> columns, List<Column> order) {
  static PersonTable of(TableName name, Column... order) {
    return new PersonTable(name, List.of("person_id"), null, List.of(order));
  }

  PersonTable withColumns(String... names) {
    return new PersonTable(name, keys, List.of(names), order);
  }

  PersonTable withKeys(String... names) {
    return new PersonTable(name, List.of(names), columns, order);
  }

  /** The table with the page's columns; null when it does not exist or lacks a key or a listed column. */
  Dataset<Row> frame(Lakehouse lh) {
    if (!lh.exists(name)) {
      return null;
    }
    Dataset<Row> d = lh.table(name);
    List<String> have = Arrays.asList(d.columns());
    if (!have.containsAll(keys) || columns != null && !have.containsAll(columns)) {
      return null;
    }
    return columns == null ? d : d.select(columns.stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /** The rows of one person (a literal, never SQL text). */
  Column matches(String personId) {
    Column c = null;
    for (String k : keys) {
      Column eq = col(k).equalTo(lit(personId));
      c = c == null ? eq : c.or(eq);
    }
    return c;
  }

  /** The key column that the store can leave out of each row and put back (one key, among the columns). */
  String implicitKey(List<String> frameColumns) {
    return keys.size() == 1 && frameColumns.contains(keys.get(0)) ? keys.get(0) : null;
  }
}
