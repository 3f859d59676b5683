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
 * m, u and lambda from the data: EM ({@link ExpectationMaximization}) on the distinct comparison vectors of a
 * seeded sample of the candidate pairs, counted by Spark, so only the counts reach the driver. Lambda becomes the
 * share of matches among candidate pairs rather than among all pairs, and u the agreement rates of non-matching
 * candidate pairs (which share a blocking key, so agree more than random pairs). With {@code emFixU} the u stay
 * at the defaults (random pairs of a regional population); on blocked pairs that fit takes nearly every pair for
 * a match and is rejected. Too few pairs (a test fixture, a first small load) keep the defaults: EM on a handful
 * of vectors fits noise.
 */
public final class ModelFit {
  /** Largest share of matches among candidate pairs a fit may claim before it is taken for degenerate. */
  static final double MAX_LAMBDA = 0.5;

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
    ExpectationMaximization.Fit fit = new ExpectationMaximization(1e-7, 1000, options.emPriorShare() * seen)
        .estimate(vectors, initial.withLambda(0.01),
        options.emFixU());
    log.printf("  identity: EM on %,d pairs (%,d distinct vectors): lambda %.4g, %d iterations, %s%n", seen,
        vectors.size(), fit.model().lambda(), fit.log().size(), fit.converged() ? "converged" : "not converged");
    // Blocked pairs agree on their blocking key by construction; when that swamps the fit (most pairs taken for
    // matches), the fitted model would link households and namesakes: keep the defaults.
    if (!fit.converged() || fit.model().lambda() > MAX_LAMBDA) {
      log.printf("  identity: EM fit rejected (lambda above %.2f or not converged): default m and u, lambda %.0e%n",
          MAX_LAMBDA, initial.lambda());
      return new Result(initial, false, fit.converged(), seen);
    }
    return new Result(fit.model(), true, fit.converged(), seen);
  }
}
