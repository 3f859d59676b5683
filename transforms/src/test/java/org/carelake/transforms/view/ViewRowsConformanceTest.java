package org.carelake.transforms.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The specification's conformance suite against the in-process evaluator (the same code the Spark runner calls per
 * resource). All 123 shareable tests must pass; experimental ones are reported in test_report.json.
 */
class ViewRowsConformanceTest {

  static List<ObjectNode> evaluate(ViewDefinition view, List<JsonNode> resources) {
    ViewRows rows = new ViewRows(view);
    List<ObjectNode> out = new ArrayList<>();
    for (JsonNode r : resources) {
      for (Object[] row : rows.rows(r)) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (ViewColumn c : view.columns()) {
          o.set(c.name(), ConformanceSuite.json(row[c.index()]));
        }
        out.add(o);
      }
    }
    return out;
  }

  @Test
  void allShareableTestsPass() {
    List<ConformanceSuite.Outcome> outcomes = new ArrayList<>();
    for (ConformanceSuite.Case c : ConformanceSuite.cases()) {
      outcomes.add(ConformanceSuite.run(c, ViewRowsConformanceTest::evaluate));
    }
    ConformanceSuite.writeReport(outcomes, Path.of("target", "sql-on-fhir-v2", "test_report.json"));
    List<String> failures = new ArrayList<>();
    int shareable = 0;
    int experimental = 0;
    int experimentalPassed = 0;
    for (ConformanceSuite.Outcome o : outcomes) {
      if (o.testCase().experimental()) {
        experimental++;
        experimentalPassed += o.passed() ? 1 : 0;
        if (!o.passed()) {
          System.out.println("experimental, not passed: " + o.testCase().file() + " / "
              + o.testCase().title() + ": " + o.reason());
        }
      } else {
        shareable++;
        if (!o.passed()) {
          failures.add(o.testCase().file() + " / " + o.testCase().title() + ": " + o.reason());
        }
      }
    }
    System.out.printf("SQL-on-FHIR v2 conformance: %d/%d shareable passed, %d/%d experimental passed%n",
        shareable - failures.size(), shareable, experimentalPassed, experimental);
    assertEquals(123, shareable, "the suite has 123 shareable tests");
    assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
  }
}
