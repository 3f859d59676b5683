package org.carelake.transforms.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * EM on comparison vectors simulated from a known model (four comparisons, lambda 0.01, 200,000 pairs, one
 * comparison missing for a fifth of the pairs): it must find the parameters again, climb in likelihood, and give
 * the same answer bit for bit whatever order the counts arrive in.
 */
class FellegiSunterEmTest {
  private static final double LAMBDA = 0.01;
  private static final int PAIRS = 200_000;
  /** By [comparison][level], level 0 (missing) first. */
  private static final double[][] M = {
      {1, 0.90, 0.07, 0.03},
      {1, 0.95, 0.05},
      {1, 0.80, 0.10, 0.05, 0.05},
      {1, 0.85, 0.10, 0.05}};
  private static final double[][] U = {
      {1, 0.05, 0.15, 0.80},
      {1, 0.30, 0.70},
      {1, 0.01, 0.04, 0.15, 0.80},
      {1, 0.02, 0.08, 0.90}};
  private static final double[] MISSING = {0, 0, 0.05, 0.20};

  /** A comparison known only by its levels: the vectors are simulated, never computed from records. */
  private record Simulated(String name, List<Level> levels, boolean estimable) implements Comparison {
    @Override
    public int level(PersonRecord a, PersonRecord b) {
      throw new UnsupportedOperationException();
    }
  }

  private static Simulated comparison(int c, double[] m, double[] u, boolean estimable) {
    List<Level> levels = new ArrayList<>();
    levels.add(Level.missing("missing"));
    for (int l = 1; l < m.length; l++) {
      levels.add(new Level("level " + l, m[l], u[l]));
    }
    return new Simulated("c" + c, levels, estimable);
  }

  private static ComparisonSet set(double[][] m, double[][] u) {
    List<Comparison> out = new ArrayList<>();
    for (int c = 0; c < m.length; c++) {
      out.add(comparison(c, m[c], u[c], true));
    }
    return new ComparisonSet(out);
  }

  /** A deliberately poor start: agreement only mildly favours a match, lambda five times too large. */
  private static FellegiSunterModel start() {
    double[][] m = new double[M.length][];
    double[][] u = new double[M.length][];
    for (int c = 0; c < M.length; c++) {
      int k = M[c].length - 1;
      m[c] = new double[k + 1];
      u[c] = new double[k + 1];
      m[c][0] = 1;
      u[c][0] = 1;
      double mSum = 0;
      double uSum = 0;
      for (int l = 1; l <= k; l++) {
        m[c][l] = k + 1 - l;
        u[c][l] = l;
        mSum += m[c][l];
        uSum += u[c][l];
      }
      for (int l = 1; l <= k; l++) {
        m[c][l] /= mSum;
        u[c][l] /= uSum;
      }
    }
    return set(m, u).defaultModel(0.05);
  }

  static Map<List<Integer>, Long> simulate(long seed) {
    Random random = new Random(seed);
    Map<List<Integer>, Long> counts = new HashMap<>();
    for (int i = 0; i < PAIRS; i++) {
      boolean match = random.nextDouble() < LAMBDA;
      List<Integer> v = new ArrayList<>(M.length);
      for (int c = 0; c < M.length; c++) {
        double[] p = match ? M[c] : U[c];
        double draw = random.nextDouble();
        int level = p.length - 1;
        double cumulative = 0;
        for (int l = 1; l < p.length; l++) {
          cumulative += p[l];
          if (draw < cumulative) {
            level = l;
            break;
          }
        }
        v.add(random.nextDouble() < MISSING[c] ? 0 : level);
      }
      counts.merge(List.copyOf(v), 1L, Long::sum);
    }
    return counts;
  }

  private static void assertRecovers(FellegiSunterModel fitted, boolean checkU) {
    assertEquals(LAMBDA, fitted.lambda(), 0.0015, "lambda");
    for (int c = 0; c < M.length; c++) {
      for (int l = 1; l < M[c].length; l++) {
        assertEquals(M[c][l], fitted.m(c, l), 0.02, "m of c" + c + " level " + l);
        if (checkU) {
          assertEquals(U[c][l], fitted.u(c, l), 0.005, "u of c" + c + " level " + l);
        }
      }
    }
  }

  @Test
  void recoversTheSimulatedModel() {
    ExpectationMaximization.Fit fit = new ExpectationMaximization().estimate(simulate(20240611L), start(), false);
    assertTrue(fit.converged(), "converged in " + fit.log().size() + " iterations");
    assertRecovers(fit.model(), true);
    // EM never lowers the likelihood
    List<ExpectationMaximization.Iteration> log = fit.log();
    for (int i = 1; i < log.size(); i++) {
      assertTrue(log.get(i).logLikelihood() >= log.get(i - 1).logLikelihood() - 1e-6,
          "log-likelihood fell at iteration " + log.get(i).iteration());
    }
    assertTrue(log.get(log.size() - 1).logLikelihood() > log.get(0).logLikelihood());
    assertEquals(fit.model().lambda(), log.get(log.size() - 1).lambda());
  }

  @Test
  void withFixedUOnlyMAndLambdaMove() {
    // the true u, a flat m
    double[][] flatM = new double[M.length][];
    for (int c = 0; c < M.length; c++) {
      flatM[c] = new double[M[c].length];
      Arrays.fill(flatM[c], 1.0 / (M[c].length - 1));
      flatM[c][0] = 1;
    }
    FellegiSunterModel start = set(flatM, U).defaultModel(0.05);
    ExpectationMaximization.Fit fit = new ExpectationMaximization().estimate(simulate(7L), start, true);
    assertTrue(fit.converged());
    for (int c = 0; c < U.length; c++) {
      for (int l = 1; l < U[c].length; l++) {
        assertEquals(U[c][l], fit.model().u(c, l), 0.0, "u stays as given");
      }
    }
    assertRecovers(fit.model(), false);
  }

  @Test
  void deterministicWhateverTheOrderOfTheCounts() {
    Map<List<Integer>, Long> counts = simulate(99L);
    List<Map.Entry<List<Integer>, Long>> entries = new ArrayList<>(counts.entrySet());
    Collections.shuffle(entries, new Random(1));
    Map<List<Integer>, Long> shuffled = new LinkedHashMap<>();
    entries.forEach(e -> shuffled.put(new ArrayList<>(e.getKey()), e.getValue()));
    ExpectationMaximization em = new ExpectationMaximization();
    ExpectationMaximization.Fit a = em.estimate(counts, start(), false);
    ExpectationMaximization.Fit b = em.estimate(shuffled, start(), false);
    assertEquals(a.model(), b.model());
    assertEquals(a.log(), b.log());
    assertEquals(a.model().toJson(), em.estimate(counts, start(), false).model().toJson());
  }

  @Test
  void comparisonsMarkedFixedKeepTheirParameters() {
    FellegiSunterModel start = start().withEstimable("c1", false);
    ExpectationMaximization.Fit fit = new ExpectationMaximization().estimate(simulate(3L), start, false);
    for (int l = 1; l < M[1].length; l++) {
      assertEquals(start.m(1, l), fit.model().m(1, l));
      assertEquals(start.u(1, l), fit.model().u(1, l));
    }
    assertFalse(fit.model().estimable(1));
  }

  @Test
  void probabilitiesAreClampedAndTheIterationLimitHolds() {
    // c0 never shows level 3 among these vectors: its m and u go to the floor, not to zero
    Map<List<Integer>, Long> counts = new HashMap<>();
    counts.put(List.of(1, 1, 1, 1), 50L);
    counts.put(List.of(2, 2, 4, 3), 5000L);
    counts.put(List.of(1, 2, 4, 3), 300L);
    counts.put(List.of(2, 1, 3, 0), 700L);
    ExpectationMaximization.Fit fit = new ExpectationMaximization(1e-12, 5).estimate(counts, start(), false);
    assertEquals(5, fit.log().size());
    assertFalse(fit.converged());
    FellegiSunterModel model = fit.model();
    for (int c = 0; c < M.length; c++) {
      for (int l = 1; l < M[c].length; l++) {
        assertTrue(model.m(c, l) >= ExpectationMaximization.MIN_PROBABILITY, "m floor");
        assertTrue(model.u(c, l) >= ExpectationMaximization.MIN_PROBABILITY, "u floor");
        assertTrue(model.m(c, l) <= ExpectationMaximization.MAX_PROBABILITY, "m ceiling");
      }
    }
    assertEquals(ExpectationMaximization.MIN_PROBABILITY, model.m(0, 3));
    assertTrue(Double.isFinite(model.weight(new int[] {3, 1, 1, 1})));
  }

  @Test
  void aPriorKeepsAnUnseenLevelAwayFromZeroAndWashesOutWithData() {
    // Among the simulated matches c3's level 3 is rare (m 0.05): drop every vector that has c3 at level 3 with c0 at
    // level 1 (mostly matches), so plain EM sees that level almost only among non-matches.
    Map<List<Integer>, Long> counts = new HashMap<>();
    simulate(5L).forEach((v, n) -> {
      if (!(v.get(3) == 3 && v.get(0) == 1)) {
        counts.put(v, n);
      }
    });
    FellegiSunterModel truth = set(M, U).defaultModel(LAMBDA);
    FellegiSunterModel plain = new ExpectationMaximization().estimate(counts, truth, false).model();
    FellegiSunterModel prior = new ExpectationMaximization(1e-7, 1000, 500).estimate(counts, truth, false).model();
    assertTrue(plain.m(3, 3) < 0.01, "plain EM: " + plain.m(3, 3));
    // 500 pseudo-pairs at the prior's 0.05 against about 1,500 matches: m stays near 0.05 * 500 / 2,000
    assertTrue(prior.m(3, 3) > 0.01 && prior.m(3, 3) < 0.05, "with the prior: " + prior.m(3, 3));
    assertTrue(prior.partialWeight(3, 3) > plain.partialWeight(3, 3) + 2);

    // A prior small beside the data (50 pseudo-pairs, about 2,000 matches) moves the fit little, even one as poor
    // as start().
    Map<List<Integer>, Long> all = simulate(20240611L);
    FellegiSunterModel free = new ExpectationMaximization().estimate(all, start(), false).model();
    FellegiSunterModel damped = new ExpectationMaximization(1e-7, 1000, 50).estimate(all, start(), false).model();
    for (int c = 0; c < M.length; c++) {
      for (int l = 1; l < M[c].length; l++) {
        assertEquals(free.m(c, l), damped.m(c, l), 0.03, "m of c" + c + " level " + l);
        assertEquals(free.u(c, l), damped.u(c, l), 0.001, "u of c" + c + " level " + l);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> new ExpectationMaximization(1e-7, 10, -1));
  }

  @Test
  void malformedVectorsAreRejected() {
    ExpectationMaximization em = new ExpectationMaximization();
    assertThrows(IllegalArgumentException.class, () -> em.estimate(Map.of(List.of(1, 1, 1), 5L), start(), false));
    assertThrows(IllegalArgumentException.class, () -> em.estimate(Map.of(List.of(1, 3, 1, 1), 5L), start(), false));
    assertThrows(IllegalArgumentException.class, () -> em.estimate(Map.of(List.of(1, 1, 1, 1), -1L), start(), false));
    assertThrows(IllegalArgumentException.class, () -> em.estimate(Map.of(List.of(1, 1, 1, 1), 0L), start(), false));
  }
}
