package org.carelake.transforms.identity;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fits the m, u and lambda of a {@link FellegiSunterModel} to unlabelled comparison vectors by expectation
 * maximization, under the model's assumption that comparisons are independent given match status.
 *
 * <p>Input is what Spark hands over after aggregating the candidate pairs: each distinct comparison vector with
 * how many pairs had it. Level 0 (missing) is left out of both the likelihood and the updates, so a comparison's
 * m and u are estimated from the pairs where it could be made. Comparisons the model marks not estimable keep
 * their m and u (they still enter the E-step), and with {@code fixU} every u stays as given, typically estimated
 * beforehand from random pairs, so that EM fits m and lambda only. Probabilities are clamped to
 * [1e-6, 1 - 1e-6] after each update.
 *
 * <p>The E-step uses the plain product of m and u: explaining away (see {@link FellegiSunterModel}) is a scoring
 * rule for the rare pairs where that product is wrong, not part of the likelihood EM maximizes.
 *
 * <p>Deterministic: vectors are processed in lexicographic order whatever the map's iteration order, so the same
 * counts give the same model bit for bit.
 */
public final class ExpectationMaximization implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final double MIN_PROBABILITY = 1e-6;
  public static final double MAX_PROBABILITY = 1 - 1e-6;

  private final double tolerance;
  private final int maxIterations;
  private final double priorPairs;

  /** Stops when no parameter moves by more than 1e-7 in an iteration, or after 1000 iterations. */
  public ExpectationMaximization() {
    this(1e-7, 1000);
  }

  public ExpectationMaximization(double tolerance, int maxIterations) {
    this(tolerance, maxIterations, 0);
  }

  /**
   * @param tolerance stop once the largest change of any m, u or lambda in an iteration is below this
   * @param maxIterations stop after this many iterations in any case
   * @param priorPairs the starting model's m and u act as a Dirichlet prior worth this many pairs in each M-step
   *     (maximum a posteriori EM): a level never seen among matches keeps part of its prior m instead of falling to
   *     zero, which is what lets correlated fields (address, postal code and phone changing in one move) drive each
   *     other's disagreement weights to minus infinity; 0 is plain maximum-likelihood EM
   */
  public ExpectationMaximization(double tolerance, int maxIterations, double priorPairs) {
    if (!(tolerance > 0) || maxIterations < 1 || !(priorPairs >= 0)) {
      throw new IllegalArgumentException("tolerance must be positive, maxIterations at least 1, priorPairs >= 0");
    }
    this.tolerance = tolerance;
    this.maxIterations = maxIterations;
    this.priorPairs = priorPairs;
  }

  /**
   * One iteration: lambda after its update, the log-likelihood (natural log) of the data under the parameters it
   * started from, and the largest change of any parameter.
   */
  public record Iteration(int iteration, double lambda, double logLikelihood, double maxChange)
      implements Serializable {}

  /** The fitted model, the iteration log, and whether the tolerance was met before the iteration limit. */
  public record Fit(FellegiSunterModel model, List<Iteration> log, boolean converged) implements Serializable {
    public Fit {
      log = List.copyOf(log);
    }
  }

  /**
   * Fits the model to comparison vectors.
   *
   * @param vectors each distinct comparison vector (one level per comparison of {@code initial}, in order) and its
   *     pair count; zero counts are ignored
   * @param initial starting m, u and lambda, for instance {@link ComparisonSet#defaultModel}; which comparisons
   *     are estimable is taken from it
   * @param fixU keep every u as in {@code initial} and estimate m and lambda only
   */
  public Fit estimate(Map<List<Integer>, Long> vectors, FellegiSunterModel initial, boolean fixU) {
    int k = initial.size();
    List<Pattern> sorted = patterns(vectors, initial);
    int[][] patterns = new int[sorted.size()][];
    long[] counts = new long[sorted.size()];
    for (int i = 0; i < patterns.length; i++) {
      patterns[i] = sorted.get(i).levels();
      counts[i] = sorted.get(i).count();
    }
    double[][] m = new double[k][];
    double[][] u = new double[k][];
    double[][] logM = new double[k][];
    double[][] logU = new double[k][];
    for (int c = 0; c < k; c++) {
      int levels = initial.levelNames(c).size();
      m[c] = new double[levels];
      u[c] = new double[levels];
      for (int l = 0; l < levels; l++) {
        m[c][l] = initial.m(c, l);
        u[c][l] = initial.u(c, l);
      }
      logM[c] = new double[levels];
      logU[c] = new double[levels];
    }
    double[][] priorM = new double[k][];
    double[][] priorU = new double[k][];
    for (int c = 0; c < k; c++) {
      priorM[c] = m[c].clone();
      priorU[c] = u[c].clone();
    }
    double lambda = initial.lambda();
    List<Iteration> log = new ArrayList<>();
    boolean converged = false;
    for (int iteration = 1; iteration <= maxIterations; iteration++) {
      for (int c = 0; c < k; c++) {
        for (int l = 1; l < m[c].length; l++) {
          logM[c][l] = Math.log(m[c][l]);
          logU[c][l] = Math.log(u[c][l]);
        }
      }
      double[][] matchCounts = new double[k][];
      double[][] nonMatchCounts = new double[k][];
      for (int c = 0; c < k; c++) {
        matchCounts[c] = new double[m[c].length];
        nonMatchCounts[c] = new double[m[c].length];
      }
      double logLambda = Math.log(lambda);
      double logNotLambda = Math.log1p(-lambda);
      double total = 0;
      double matches = 0;
      double logLikelihood = 0;
      for (int i = 0; i < patterns.length; i++) {
        int[] p = patterns[i];
        double a = logLambda;
        double b = logNotLambda;
        for (int c = 0; c < k; c++) {
          if (p[c] != 0) {
            a += logM[c][p[c]];
            b += logU[c][p[c]];
          }
        }
        double max = Math.max(a, b);
        double logSum = max + Math.log(Math.exp(a - max) + Math.exp(b - max));
        double posterior = Math.exp(a - logSum);
        double n = counts[i];
        logLikelihood += n * logSum;
        total += n;
        matches += n * posterior;
        for (int c = 0; c < k; c++) {
          if (p[c] != 0) {
            matchCounts[c][p[c]] += n * posterior;
            nonMatchCounts[c][p[c]] += n * (1 - posterior);
          }
        }
      }
      double change = 0;
      double newLambda = clamp(matches / total);
      change = Math.max(change, Math.abs(newLambda - lambda));
      lambda = newLambda;
      for (int c = 0; c < k; c++) {
        if (!initial.estimable(c)) {
          continue;
        }
        change = Math.max(change, update(m[c], matchCounts[c], priorM[c]));
        if (!fixU) {
          change = Math.max(change, update(u[c], nonMatchCounts[c], priorU[c]));
        }
      }
      log.add(new Iteration(iteration, lambda, logLikelihood, change));
      if (change < tolerance) {
        converged = true;
        break;
      }
    }
    return new Fit(initial.withParameters(m, u, lambda), log, converged);
  }

  /**
   * Sets p[1..] to the normalized counts plus priorPairs pseudo-pairs spread as the prior (over levels 1..), clamped;
   * keeps p when the comparison was never made.
   */
  private double update(double[] p, double[] counts, double[] prior) {
    double sum = 0;
    double priorSum = 0;
    for (int l = 1; l < counts.length; l++) {
      sum += counts[l];
      priorSum += prior[l];
    }
    if (!(sum > 0)) {
      return 0;
    }
    double change = 0;
    for (int l = 1; l < p.length; l++) {
      double pseudo = priorSum > 0 ? priorPairs * prior[l] / priorSum : 0;
      double next = clamp((counts[l] + pseudo) / (sum + (priorSum > 0 ? priorPairs : 0)));
      change = Math.max(change, Math.abs(next - p[l]));
      p[l] = next;
    }
    return change;
  }

  private static double clamp(double p) {
    return Math.min(MAX_PROBABILITY, Math.max(MIN_PROBABILITY, p));
  }

  private record Pattern(int[] levels, long count) {}

  /** The vectors with a positive count, checked against the model and sorted lexicographically. */
  private static List<Pattern> patterns(Map<List<Integer>, Long> vectors, FellegiSunterModel model) {
    List<Pattern> out = new ArrayList<>();
    for (Map.Entry<List<Integer>, Long> e : vectors.entrySet()) {
      List<Integer> v = e.getKey();
      Long count = e.getValue();
      if (count == null || count < 0) {
        throw new IllegalArgumentException("vector " + v + " has count " + count);
      }
      if (v.size() != model.size()) {
        throw new IllegalArgumentException("vector " + v + " has " + v.size() + " levels, the model "
            + model.size() + " comparisons");
      }
      int[] p = new int[v.size()];
      for (int c = 0; c < p.length; c++) {
        Integer level = v.get(c);
        if (level == null || level < 0 || level >= model.levelNames(c).size()) {
          throw new IllegalArgumentException("vector " + v + ": " + model.name(c) + " has no level " + level);
        }
        p[c] = level;
      }
      if (count > 0) {
        out.add(new Pattern(p, count));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no comparison vectors with a positive count");
    }
    out.sort((x, y) -> Arrays.compare(x.levels(), y.levels()));
    return out;
  }
}
