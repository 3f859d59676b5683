package org.carelake.dashboard.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/** Spark rows as ordered maps of column to value, what the pages render. */
public final class Rows {
  private Rows() {}

  public static Map<String, Object> toMap(Row r) {
    Map<String, Object> m = new LinkedHashMap<>();
    String[] names = r.schema().fieldNames();
    for (int i = 0; i < names.length; i++) {
      m.put(names[i], value(r.get(i)));
    }
    return m;
  }

  /** A field's value as a page sees it: arrays as Java lists (of maps, for arrays of structs), maps as maps. */
  static Object value(Object v) {
    if (v instanceof scala.collection.Seq<?> seq) {
      v = scala.jdk.javaapi.CollectionConverters.asJava(seq);
    } else if (v instanceof scala.collection.Map<?, ?> map) {
      v = new LinkedHashMap<>(scala.jdk.javaapi.CollectionConverters.asJava(map));
    }
    if (v instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Row) {
      v = list.stream().map(o -> toMap((Row) o)).toList();
    }
    return v;
  }

  public static List<Map<String, Object>> toMaps(List<Row> rows) {
    return rows.stream().map(Rows::toMap).toList();
  }
}
