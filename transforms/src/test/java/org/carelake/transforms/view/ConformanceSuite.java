package org.carelake.transforms.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The SQL-on-FHIR v2 conformance suite (copied into test resources from the specification repository): runs every
 * test of every file through an evaluation function, compares with the expected rows, and writes the suite's
 * test_report.json.
 */
final class ConformanceSuite {

  static final String[] FILES = {"basic.json", "collection.json", "combinations.json", "constant.json",
    "constant_types.json", "fhirpath.json", "fhirpath_numbers.json", "fn_boundary.json", "fn_empty.json",
    "fn_extension.json", "fn_first.json", "fn_join.json", "fn_oftype.json", "fn_reference_keys.json",
    "foreach.json", "logic.json", "repeat.json", "row_index.json", "union.json", "validate.json",
    "view_resource.json", "where.json"};

  /** One test case of the suite. */
  record Case(String file, String title, boolean experimental, JsonNode view, List<JsonNode> resources,
        JsonNode expect, boolean expectError) { }

  /** The outcome of one case: passed, or why not. */
  record Outcome(Case testCase, boolean passed, String reason) { }

  private ConformanceSuite() {
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (String file : FILES) {
      JsonNode suite = read(file);
      List<JsonNode> resources = new ArrayList<>();
      suite.path("resources").forEach(resources::add);
      for (JsonNode t : suite.path("tests")) {
        boolean experimental = false;
        for (JsonNode tag : t.path("tags")) {
          experimental |= tag.asText().equals("experimental");
        }
        cases.add(new Case(file, t.path("title").asText(), experimental, t.get("view"), resources,
            t.get("expect"), t.path("expectError").asBoolean(false)));
      }
    }
    return cases;
  }

  private static JsonNode read(String file) {
    try (InputStream in = ConformanceSuite.class.getResourceAsStream("/sql-on-fhir-v2/tests/" + file)) {
      return ViewDefinition.JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs one case; {@code evaluate} turns (view, resources) into rows as JSON objects keyed by column name. */
  static Outcome run(Case c, BiFunction<ViewDefinition, List<JsonNode>, List<ObjectNode>> evaluate) {
    List<ObjectNode> rows;
    try {
      ViewDefinition view = ViewDefinition.parse(c.view());
      rows = evaluate.apply(view, c.resources());
    } catch (Exception e) {
      // Spark rethrows task failures as SparkException (checked, thrown from Scala).
      if (c.expectError()) {
        return new Outcome(c, true, null);
      }
      return new Outcome(c, false, "error: " + rootMessage(e));
    }
    if (c.expectError()) {
      return new Outcome(c, false, "expected an error, got " + rows.size() + " rows");
    }
    String diff = compare(c.expect(), rows);
    return new Outcome(c, diff == null, diff);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  /** Rows are compared as multisets (the suite does not define an order); numbers by value. */
  static String compare(JsonNode expect, List<ObjectNode> actual) {
    List<JsonNode> remaining = new ArrayList<>();
    expect.forEach(remaining::add);
    if (remaining.size() != actual.size()) {
      return "expected " + remaining.size() + " rows " + expect + ", got " + actual.size() + " " + actual;
    }
    for (ObjectNode row : actual) {
      boolean found = false;
      for (Iterator<JsonNode> it = remaining.iterator(); it.hasNext(); ) {
        if (sameRow(it.next(), row)) {
          it.remove();
          found = true;
          break;
        }
      }
      if (!found) {
        return "unexpected row " + row + "; expected " + expect;
      }
    }
    return null;
  }

  private static boolean sameRow(JsonNode expected, ObjectNode actual) {
    if (expected.size() != actual.size()) {
      return false;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (!actual.has(f.getKey()) || !sameValue(f.getValue(), actual.get(f.getKey()))) {
        return false;
      }
    }
    return true;
  }

  static boolean sameValue(JsonNode e, JsonNode a) {
    if (e.isNumber() && a.isNumber()) {
      return e.decimalValue().compareTo(a.decimalValue()) == 0;
    }
    if (e.isArray() && a.isArray()) {
      if (e.size() != a.size()) {
        return false;
      }
      for (int i = 0; i < e.size(); i++) {
        if (!sameValue(e.get(i), a.get(i))) {
          return false;
        }
      }
      return true;
    }
    return e.equals(a);
  }

  /** A row value as JSON: numbers, booleans, strings (dates ISO), arrays. */
  static JsonNode json(Object v) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (v == null) {
      return f.nullNode();
    }
    if (v instanceof Boolean b) {
      return f.booleanNode(b);
    }
    if (v instanceof Integer i) {
      return f.numberNode(i);
    }
    if (v instanceof Long l) {
      return f.numberNode(l);
    }
    if (v instanceof Double d) {
      return f.numberNode(d);
    }
    if (v instanceof BigDecimal d) {
      return f.numberNode(d.stripTrailingZeros());
    }
    if (v instanceof List<?> list) {
      ArrayNode a = f.arrayNode();
      list.forEach(x -> a.add(json(x)));
      return a;
    }
    return f.textNode(ColumnTypes.iso(v));
  }

  static void writeReport(List<Outcome> outcomes, Path file) {
    ObjectNode report = JsonNodeFactory.instance.objectNode();
    Map<String, ArrayNode> byFile = new LinkedHashMap<>();
    for (Outcome o : outcomes) {
      ArrayNode tests = byFile.computeIfAbsent(o.testCase().file(),
          k -> report.putObject(k).putArray("tests"));
      ObjectNode t = tests.addObject();
      t.put("name", o.testCase().title());
      ObjectNode result = t.putObject("result");
      result.put("passed", o.passed());
      if (o.reason() != null) {
        result.put("reason", o.reason());
      }
    }
    try {
      Files.createDirectories(file.getParent());
      ViewDefinition.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
