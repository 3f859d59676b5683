package org.carelake.transforms.silver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carelake.transforms.view.ViewDefinition;

/**
 * A fill-in from another silver table (views/silver/LOOKUPS.json): where {@code table.key} points at a row of
 * {@code from} (by {@code from_key}, same source system) and the filled columns are empty, copy them from there.
 * Resolves what one resource cannot say alone, such as a MedicationRequest's drug given by reference.
 */
record Lookup(String table, String key, String from, String fromKey, Map<String, String> fill) {

  static List<Lookup> fromClasspath() {
    try (InputStream in = Lookup.class.getResourceAsStream("/views/silver/LOOKUPS.json")) {
      List<Lookup> out = new ArrayList<>();
      if (in == null) {
        return out;
      }
      for (JsonNode n : ViewDefinition.JSON.readTree(in)) {
        Map<String, String> fill = new LinkedHashMap<>();
        n.path("fill").fields().forEachRemaining(f -> fill.put(f.getKey(), f.getValue().asText()));
        out.add(new Lookup(n.path("table").asText(), n.path("key").asText(), n.path("from").asText(),
            n.path("from_key").asText(), fill));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read views/silver/LOOKUPS.json", e);
    }
  }

  /**
   * The fill-ins whose columns both tables have (the conformed columns exist only when terminology conformance
   * ran).
   */
  Lookup within(java.util.Collection<String> tableColumns, java.util.Collection<String> fromColumns) {
    Map<String, String> kept = new LinkedHashMap<>();
    fill.forEach((to, f) -> {
      if (tableColumns.contains(to) && fromColumns.contains(f)) {
        kept.put(to, f);
      }
    });
    return new Lookup(table, key, from, fromKey, kept);
  }

  /** The column that decides whether a row still needs the fill-in: the first filled column. */
  String probe() {
    return fill.keySet().iterator().next();
  }
}
