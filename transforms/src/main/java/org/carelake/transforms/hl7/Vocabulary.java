package org.carelake.transforms.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The v2 table -> FHIR code maps of {@code vocabulary.tsv}, e.g. {@code code("sex", "F")} = {@code female}. */
final class Vocabulary {
  private record Target(String system, String code, String display) {}

  private static final Map<String, Map<String, Target>> MAPS = load();

  private Vocabulary() {}

  private static Map<String, Map<String, Target>> load() {
    Map<String, Map<String, Target>> maps = new HashMap<>();
    for (String[] row : Tsv.read("vocabulary.tsv", 4)) {
      String system = row[2].isBlank() ? null : row[2].strip();
      String display = row.length > 4 && !row[4].isBlank() ? row[4].strip() : null;
      maps.computeIfAbsent(row[0].strip(), k -> new HashMap<>())
          .put(row[1].strip().toUpperCase(Locale.ROOT), new Target(system, row[3].strip(), display));
    }
    return maps;
  }

  private static Target target(String map, String v2Code) {
    Map<String, Target> m = MAPS.get(map);
    if (m == null) {
      throw new IllegalArgumentException("no vocabulary map " + map);
    }
    return v2Code == null ? null : m.get(v2Code.strip().toUpperCase(Locale.ROOT));
  }

  /** The FHIR code for a v2 code, or null when the map has none. */
  static String code(String map, String v2Code) {
    Target t = target(map, v2Code);
    return t == null ? null : t.code();
  }

  /** The FHIR coding for a v2 code, or null when the map has none. */
  static ObjectNode coding(String map, String v2Code) {
    Target t = target(map, v2Code);
    return t == null ? null : Json.coding(t.system(), t.code(), t.display());
  }

  static Boolean bool(String map, String v2Code) {
    String c = code(map, v2Code);
    return c == null ? null : Boolean.valueOf(c);
  }
}
