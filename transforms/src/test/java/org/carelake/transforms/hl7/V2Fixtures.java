package org.carelake.transforms.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carelake.ingestion.hl7.Hl7Message;
import org.carelake.transforms.silver.SilverViews;
import org.carelake.transforms.view.ViewColumn;
import org.carelake.transforms.view.ViewDefinition;
import org.carelake.transforms.view.ViewRows;

/** The copied messages (src/test/resources/hl7v2), their conversion, and the silver rows the views make of it. */
final class V2Fixtures {
  static final ZoneId ZONE = ZoneId.of("America/New_York");
  static final String SOURCE = "test-hl7";
  private static final SilverViews VIEWS = SilverViews.fromClasspath();

  private V2Fixtures() {}

  /** A LinuxForHealth test message by its file name without folder and extension. */
  static String lfh(String name) {
    return "linuxforhealth-inline/" + name + ".hl7";
  }

  static String text(String path) {
    try (InputStream in = V2Fixtures.class.getResourceAsStream("/hl7v2/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test message " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<DerivedResource> convert(String path) {
    return convertText(text(path));
  }

  static List<DerivedResource> convertText(String message) {
    return V2ToFhir.convert(Hl7Message.parse(message), SOURCE, ZONE);
  }

  /** A corpus message with its MSH-9 (type^event^structure) replaced, for events the corpus lacks. */
  static String withType(String path, String msh9) {
    String text = text(path);
    String[] segs = text.split("\r\n|\r|\n", -1);
    String[] f = segs[0].split("\\|", -1);
    f[8] = msh9;
    segs[0] = String.join("|", f);
    return String.join("\r", segs);
  }

  static JsonNode json(DerivedResource r) {
    try {
      return ViewDefinition.JSON.readTree(r.json());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<JsonNode> all(List<DerivedResource> rs, String type) {
    List<JsonNode> out = new ArrayList<>();
    for (DerivedResource r : rs) {
      if (r.resourceType().equals(type)) {
        out.add(json(r));
      }
    }
    return out;
  }

  static JsonNode one(List<DerivedResource> rs, String type) {
    List<JsonNode> all = all(rs, type);
    assertEquals(1, all.size(), "one " + type + " in " + types(rs));
    return all.get(0);
  }

  static List<String> types(List<DerivedResource> rs) {
    return rs.stream().map(DerivedResource::resourceType).toList();
  }

  /** The rows of a silver table (all its parts) for one resource, as column name -> value. */
  static List<Map<String, Object>> silver(String table, JsonNode resource) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (SilverViews.Part part : VIEWS.parts()) {
      if (!part.table().equals(table)) {
        continue;
      }
      ViewRows rows = new ViewRows(part.view());
      for (Object[] row : rows.rows(resource)) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (ViewColumn c : part.view().columns()) {
          Object v = row[c.index()];
          m.put(c.name(), v);
        }
        out.add(m);
      }
    }
    return out;
  }

  /** The single row of a table for a resource. */
  static Map<String, Object> row(String table, JsonNode resource) {
    List<Map<String, Object>> rows = silver(table, resource);
    assertEquals(1, rows.size(), "one silver." + table + " row for " + resource.path("id").asText());
    return rows.get(0);
  }
}
