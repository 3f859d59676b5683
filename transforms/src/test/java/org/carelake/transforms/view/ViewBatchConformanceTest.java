package org.carelake.transforms.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite again, through Spark: each test's resources as a DataFrame, the view run by {@link
 * ViewBatch} (the code path silver uses), the rows collected back. Proves the SQL types and internal-row conversion
 * give the same answers as the in-process evaluator.
 */
class ViewBatchConformanceTest {
  private static final StructType INPUT = new StructType()
      .add("resource", DataTypes.StringType)
      .add("resource_type", DataTypes.StringType)
      .add("source", DataTypes.StringType);

  /** Runs several views over the same resources in one Spark job; returns each view's rows as JSON objects. */
  static List<List<ObjectNode>> evaluate(List<ViewDefinition> views, List<JsonNode> resources) {
    SparkSession spark = SharedSpark.session();
    List<Row> rows = new ArrayList<>();
    for (JsonNode r : resources) {
      rows.add(RowFactory.create(r.toString(), r.path("resourceType").asText(), "suite"));
    }
    Dataset<Row> input = spark.createDataFrame(rows, INPUT);
    ViewBatch batch = ViewBatch.of(views);
    List<List<ObjectNode>> result = new ArrayList<>();
    views.forEach(v -> result.add(new ArrayList<>()));
    Dataset<Row> out = batch.run(spark, input, "resource", "resource_type", List.of("source")).cache();
    for (int k = 0; k < views.size(); k++) {
      for (Row row : batch.rowsOf(out, k, List.of("source")).collectAsList()) {
        if (!"suite".equals(row.getString(1))) {
          throw new AssertionError("pass-through column lost: " + row);
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (ViewColumn c : views.get(k).columns()) {
          o.set(c.name(), ConformanceSuite.json(javaValue(row.get(2 + c.index()))));
        }
        result.get(k).add(o);
      }
    }
    out.unpersist();
    return result;
  }

  private static Object javaValue(Object v) {
    if (v instanceof scala.collection.Seq<?> seq) {
      return new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(seq));
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    return v;
  }

  @Test
  void allShareableTestsPassOnSpark() {
    // Tests that should succeed run file by file, all views of a file in one job (as silver runs many views per
    // pass); tests that expect an error run alone, since a failing task fails its whole job.
    Map<String, List<ConformanceSuite.Case>> byFile = new LinkedHashMap<>();
    List<ConformanceSuite.Outcome> outcomes = new ArrayList<>();
    for (ConformanceSuite.Case c : ConformanceSuite.cases()) {
      if (c.expectError()) {
        outcomes.add(ConformanceSuite.run(c, (v, r) -> evaluate(List.of(v), r).get(0)));
      } else {
        byFile.computeIfAbsent(c.file(), f -> new ArrayList<>()).add(c);
      }
    }
    for (List<ConformanceSuite.Case> cases : byFile.values()) {
      List<ViewDefinition> views = new ArrayList<>();
      for (ConformanceSuite.Case c : cases) {
        views.add(ViewDefinition.parse(c.view()));
      }
      List<List<ObjectNode>> results = evaluate(views, cases.get(0).resources());
      for (int i = 0; i < cases.size(); i++) {
        String diff = ConformanceSuite.compare(cases.get(i).expect(), results.get(i));
        outcomes.add(new ConformanceSuite.Outcome(cases.get(i), diff == null, diff));
      }
    }
    List<String> failures = new ArrayList<>();
    int shareable = 0;
    for (ConformanceSuite.Outcome o : outcomes) {
      ConformanceSuite.Case c = o.testCase();
      if (!c.experimental()) {
        shareable++;
        if (!o.passed()) {
          failures.add(c.file() + " / " + c.title() + ": " + o.reason());
        }
      }
    }
    System.out.printf("SQL-on-FHIR v2 conformance on Spark: %d/%d shareable passed%n",
        shareable - failures.size(), shareable);
    assertEquals(123, shareable);
    assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
  }
}
