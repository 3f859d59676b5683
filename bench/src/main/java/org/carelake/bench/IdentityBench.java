package org.carelake.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.core.CarelakeConfig;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.SparkSessions;
import org.carelake.core.TableName;
import org.carelake.transforms.identity.IdentityBuild;
import org.carelake.transforms.identity.IdentityOptions;
import org.carelake.transforms.identity.IdentityTables;
import org.carelake.transforms.identity.LinkageEvaluation;
import org.carelake.transforms.identity.SyntheticPopulation;
import org.carelake.transforms.silver.PersonIds;

/**
 * Identity resolution on a synthetic population ({@link SyntheticPopulation}) of about N source records: writes
 * silver.patient (untimed), runs the identity task (timed), and prints precision, recall and F1 against the truth.
 *
 * <p>Arguments: records, lakehouse directory, [seed], [emMinPairs], [emFixU].
 */
public final class IdentityBench {
  private IdentityBench() {}

  public static void main(String[] args) throws Exception {
    long records = Long.parseLong(args[0]);
    Path dir = Path.of(args[1]);
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    Files.createDirectories(dir);
    CarelakeConfig config = CarelakeConfig.builder().lakehouse(dir.toString()).build();
    Lakehouse lh = Lakehouse.open(SparkSessions.create(config, "identity-bench"), config);
    long t0 = System.currentTimeMillis();
    Dataset<Row> population = new SyntheticPopulation(seed).generate(lh.spark(), records);
    TableName truth = TableName.of(Layer.OPS, "identity_truth");
    lh.overwrite(truth, population.select("source_system", "source_patient_id", "person_key"));
    lh.overwrite(IdentityTables.PATIENT, population.drop("person_key")
        .withColumn("person_id", PersonIds.of(population.col("source_system"), population.col("source_patient_id"))));
    long n = lh.table(IdentityTables.PATIENT).count();
    System.out.printf("generated %,d source records in %.1f s%n", n, (System.currentTimeMillis() - t0) / 1000.0);
    IdentityOptions options = IdentityOptions.fromConf(lh.spark());
    if (args.length > 3) {
      options = options.withEmMinPairs(Long.parseLong(args[3]));
    }
    if (args.length > 4) {
      options = options.withEmFixU(Boolean.parseBoolean(args[4]));
    }
    IdentityBuild.Result result = new IdentityBuild(lh, options, System.out).run();
    LinkageEvaluation eval = LinkageEvaluation.of(lh.table(IdentityTables.PERSON_MAP), lh.table(truth));
    System.out.printf("RESULT records=%d pairs=%d seconds=%.1f em=%s precision=%.4f recall=%.4f f1=%.4f%n",
        result.records(), result.candidatePairs(), result.millis() / 1000.0, result.emEstimated(),
        eval.precision(), eval.recall(), eval.f1());
    System.out.println(eval);
    lh.spark().stop();
  }
}
