package org.carelake.transforms.identity;

import static org.apache.spark.sql.functions.col;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * m and lambda from the data: EM ({@link ExpectationMaximization}) on the distinct comparison vectors of a seeded
 * sample of the candidate pairs, counted by Spark, so only the counts reach the driver. The u stay as set: a
 * random-pair sample small enough to score is too small for levels as rare as an exact birth date (u 5e-5), and
 * the defaults are such an estimate for a regional population. Lambda becomes the share of matches among
 * candidate pairs rather than among all pairs. Too few pairs (a test fixture, a first small load) keep the
 * defaults: EM on a handful of vectors fits noise.
 */
public final class ModelFit {
  private ModelFit() {}

  /** What was fitted: the model, whether EM ran and converged, the pairs it saw. */
  public record Result(FellegiSunterModel model, boolean estimated, boolean converged, long pairs) {}

  public static Result fit(Dataset<Row> comparisons, long pairCount, FellegiSunterModel initial,
                           IdentityOptions options, PrintStream log) {
    if (pairCount < options.emMinPairs()) {
      log.printf("  identity: %,d candidate pairs < %,d: default m and u, lambda %.0e%n", pairCount,
          options.emMinPairs(), initial.lambda());
      return new Result(initial, false, false, pairCount);
    }
    Dataset<Row> sample = pairCount <= options.emSamplePairs() ? comparisons
        : comparisons.sample(false, (double) options.emSamplePairs() / pairCount, 42);
    Map<List<Integer>, Long> vectors = new LinkedHashMap<>();
    long seen = 0;
    for (Row r : sample.groupBy(col("levels")).count().collectAsList()) {
      vectors.put(new ArrayList<>(r.<Integer>getList(0)), r.getLong(1));
      seen += r.getLong(1);
    }
    // Start from a prior suited to candidate pairs (about one in a hundred is a match), not to all pairs.
    ExpectationMaximization.Fit fit = new ExpectationMaximization().estimate(vectors, initial.withLambda(0.01), true);
    log.printf("  identity: EM on %,d pairs (%,d distinct vectors): lambda %.4g, %d iterations, %s%n", seen,
        vectors.size(), fit.model().lambda(), fit.log().size(), fit.converged() ? "converged" : "not converged");
    return new Result(fit.model(), true, fit.converged(), seen);
  }
}
