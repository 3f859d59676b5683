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
      Object v = r.get(i);
      if (v instanceof scala.collection.Seq<?> seq) {
        v = scala.jdk.javaapi.CollectionConverters.asJava(seq);
      } else if (v instanceof scala.collection.Map<?, ?> map) {
        v = new LinkedHashMap<>(scala.jdk.javaapi.CollectionConverters.asJava(map));
      }
      if (v instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Row) {
        v = list.stream().map(o -> toMap((Row) o)).toList();
      }
      m.put(names[i], v);
    }
    return m;
  }

  public static List<Map<String, Object>> toMaps(List<Row> rows) {
    return rows.stream().map(Rows::toMap).toList();
  }
}
