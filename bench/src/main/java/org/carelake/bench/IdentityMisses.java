package org.carelake.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.core.CarelakeConfig;
import org.carelake.core.Lakehouse;
import org.carelake.core.SparkSessions;
import org.carelake.transforms.identity.ComparisonSet;
import org.carelake.transforms.identity.FellegiSunterModel;
import org.carelake.transforms.identity.IdentityBuild;
import org.carelake.transforms.identity.IdentityOptions;
import org.carelake.transforms.identity.IdentityTables;
import org.carelake.transforms.identity.LinkDecision;
import org.carelake.transforms.identity.ModelFit;
import org.carelake.transforms.identity.PairComparisons;
import org.carelake.transforms.identity.SourceRecords;

/**
 * Why identity resolution missed the true pairs it missed, on a lakehouse {@link IdentityBench} left behind (its
 * ops.identity_truth and silver.person_map): the model refitted as the identity task fits it, then every true pair
 * in different persons by score band and guard, and the most common comparison vectors among them.
 *
 * <p>Argument: the lakehouse directory.
 */
public final class IdentityMisses {
  private IdentityMisses() {}

  public static void main(String[] args) {
    CarelakeConfig config = CarelakeConfig.builder().lakehouse(args[0]).build();
    Lakehouse lh = Lakehouse.open(SparkSessions.create(config, "identity-misses"), config);
    PrintStream out = System.out;
    IdentityOptions options = IdentityOptions.fromConf(lh.spark());
    ComparisonSet set = ComparisonSet.standard();
    Dataset<Row> records = SourceRecords.of(lh.table(IdentityTables.PATIENT)).cache();
    Dataset<Row> comparisons = PairComparisons.of(records, set, options.maxBlock(), out).cache();
    FellegiSunterModel model = ModelFit.fit(comparisons, comparisons.count(),
        set.defaultModel(IdentityBuild.DEFAULT_LAMBDA), options, out).model();
    printModel(model, out);

    String key = "concat_ws('|', source_system, source_patient_id)";
    Dataset<Row> truth = lh.sql("SELECT " + key + " k, person_key FROM ops.identity_truth");
    Dataset<Row> persons = lh.sql("SELECT " + key + " k, person_id FROM " + IdentityTables.PERSON_MAP.qualified());
    long missedPairs = lh.sql("WITH t AS (SELECT person_key, person_id FROM ops.identity_truth JOIN "
        + IdentityTables.PERSON_MAP.qualified() + " USING (source_system, source_patient_id)) SELECT count(*) FROM"
        + " t a JOIN t b ON a.person_key = b.person_key AND a.person_id < b.person_id").head().getLong(0);
    List<Row> missed = comparisons
        .join(truth.withColumnRenamed("k", "a").withColumnRenamed("person_key", "ka"), "a")
        .join(truth.withColumnRenamed("k", "b").withColumnRenamed("person_key", "kb"), "b")
        .join(persons.withColumnRenamed("k", "a").withColumnRenamed("person_id", "pa"), "a")
        .join(persons.withColumnRenamed("k", "b").withColumnRenamed("person_id", "pb"), "b")
        .where("ka = kb AND pa <> pb").select("levels").collectAsList();
    out.printf("%,d true pairs in different persons, %,d of them candidate pairs%n", missedPairs, missed.size());

    LinkDecision decision = new LinkDecision(set, options.upper(), options.lower());
    Map<String, Integer> bands = new TreeMap<>();
    Map<String, Integer> vectors = new TreeMap<>();
    for (Row r : missed) {
      int[] levels = r.<Integer>getList(0).stream().mapToInt(Integer::intValue).toArray();
      double p = model.probability(levels);
      String band = p >= options.upper() ? "link by score" : p >= options.lower() ? "review by score" : "below review";
      bands.merge(band + ", guard: " + decision.guard(levels).orElse("none"), 1, Integer::sum);
      StringBuilder v = new StringBuilder(String.format("weight %6.1f:", model.weight(levels)));
      for (int c = 0; c < levels.length; c++) {
        if (levels[c] != 0) {
          v.append(' ').append(model.name(c)).append('=').append(model.levelNames(c).get(levels[c])).append(';');
        }
      }
      vectors.merge(v.toString(), 1, Integer::sum);
    }
    bands.forEach((band, n) -> out.printf("%,7d  %s%n", n, band));
    out.println("most common comparison vectors among them:");
    vectors.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(25)
        .forEach(e -> out.printf("%,7d  %s%n", e.getValue(), e.getKey()));
    lh.spark().stop();
  }

  private static void printModel(FellegiSunterModel model, PrintStream out) {
    out.printf("fitted model: lambda %.4f%n", model.lambda());
    for (int c = 0; c < model.size(); c++) {
      StringBuilder line = new StringBuilder("  " + model.name(c) + ":");
      for (int l = 1; l < model.levelNames(c).size(); l++) {
        line.append(String.format(" [%s m=%.4f u=%.6f %.1f bits]", model.levelNames(c).get(l), model.m(c, l),
            model.u(c, l), model.partialWeight(c, l)));
      }
      out.println(line);
    }
  }
}
