package org.carelake.transforms.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.carelake.transforms.silver.PersonIds;
import org.junit.jupiter.api.Test;

/**
 * The evaluator on a hand-counted example, then the identity task on a small synthetic population against its
 * truth. No HL7 feed fixture with an answer key is in this module's test resources, so the population is
 * {@link SyntheticPopulation}'s (the bench runs it at full size).
 */
class IdentityEvaluationTest {
  private static final StructType KEYED = new StructType().add("source_system", DataTypes.StringType)
      .add("source_patient_id", DataTypes.StringType).add("id", DataTypes.StringType);

  private static Dataset<Row> keyed(String column, String... triples) {
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < triples.length; i += 3) {
      rows.add(RowFactory.create(triples[i], triples[i + 1], triples[i + 2]));
    }
    return SharedSpark.session().createDataFrame(rows, KEYED).withColumnRenamed("id", column);
  }

  @Test
  void countsPairsFromClusters() {
    // Truth: {a1, a2, a3} and {b1}. Predicted: {a1, a2} and {a3, b1}.
    Dataset<Row> truth = keyed("person_key", "s", "a1", "A", "s", "a2", "A", "s", "a3", "A", "s", "b1", "B");
    Dataset<Row> predicted = keyed("person_id", "s", "a1", "x", "s", "a2", "x", "s", "a3", "y", "s", "b1", "y");
    LinkageEvaluation e = LinkageEvaluation.of(predicted, truth);
    assertEquals(4, e.records());
    assertEquals(2, e.predictedPairs());
    assertEquals(3, e.truePairs());
    assertEquals(1, e.truePositives());
    assertEquals(0.5, e.precision(), 1e-12);
    assertEquals(1.0 / 3, e.recall(), 1e-12);
    assertEquals(0.4, e.f1(), 1e-12);
  }

  @Test
  void syntheticPopulation() {
    Lakehouse lh = SharedSpark.freshLakehouse("identity-eval");
    Dataset<Row> population = new SyntheticPopulation(7).generate(lh.spark(), 1500).cache();
    lh.overwrite(IdentityTables.PATIENT, population.drop("person_key")
        .withColumn("person_id", PersonIds.of(population.col("source_system"), population.col("source_patient_id"))));
    new IdentityBuild(lh, IdentityOptions.defaults(), new PrintStream(OutputStream.nullOutputStream())).run();
    LinkageEvaluation e = LinkageEvaluation.of(lh.table(IdentityTables.PERSON_MAP), population);
    assertTrue(e.truePairs() > 500, e.toString());
    assertTrue(e.precision() >= 0.99, e.toString());
    assertTrue(e.recall() >= 0.75, e.toString());
  }
}
