package org.carelake.core;

import java.util.regex.Pattern;

/** A lakehouse table: {@code layer.table}, stored at {@code <root>/<layer>/<table>}. */
public record TableName(Layer layer, String table) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public TableName {
    if (!NAME.matcher(table).matches()) {
      throw new IllegalArgumentException("table names are lower_snake_case: '" + table + "'");
    }
  }

  public static TableName of(Layer layer, String table) {
    return new TableName(layer, table);
  }

  /** Parses {@code layer.table}. */
  public static TableName parse(String qualified) {
    int dot = qualified.indexOf('.');
    if (dot <= 0) {
      throw new IllegalArgumentException("expected layer.table, got '" + qualified + "'");
    }
    return new TableName(Layer.of(qualified.substring(0, dot)), qualified.substring(dot + 1));
  }

  public String qualified() {
    return layer.dbName() + "." + table;
  }

  @Override
  public String toString() {
    return qualified();
  }
}
