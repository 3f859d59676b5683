package org.carelake.transforms.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Fellegi-Sunter model: for each comparison and level, m = P(level | match) and u = P(level | non-match), and
 * the prior probability lambda that a compared pair is a match.
 *
 * <p>The match weight of a comparison vector is the sum over comparisons of log2(m/u) at their levels; level 0
 * (missing) adds 0, its m and u being 1 by convention. One exception, for the pairs where conditional independence
 * fails: a level may explain away other comparisons (see {@link Comparison#explainsAway}), and then their positive
 * partial weights count 0. Twins at the multiple-birth level "given names differ" no longer gain from their shared
 * birth date and address; disagreements still count against.
 *
 * <p>The probability of a match is the posterior from Bayes' rule: odds = lambda / (1 - lambda) * 2^weight.
 *
 * <p>Immutable. {@link #toJson} and {@link #fromJson} keep a fitted model between runs.
 */
public final class FellegiSunterModel implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> names;
  private final List<List<String>> levelNames;
  private final double[][] m;
  private final double[][] u;
  private final boolean[] estimable;
  /** [comparison][level] -> the names that level explains away, as written. */
  private final List<List<Set<String>>> explains;
  /** [comparison][level] -> indices of the comparisons that level explains away. */
  private final int[][][] explained;
  private final double lambda;

  private FellegiSunterModel(List<String> names, List<List<String>> levelNames, double[][] m, double[][] u,
      boolean[] estimable, List<List<Set<String>>> explains, double lambda) {
    int n = names.size();
    if (levelNames.size() != n || m.length != n || u.length != n || estimable.length != n || explains.size() != n) {
      throw new IllegalArgumentException("one entry per comparison expected in every part of the model");
    }
    if (!(lambda > 0 && lambda < 1)) {
      throw new IllegalArgumentException("lambda must be in (0, 1), not " + lambda);
    }
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < n; c++) {
      if (index.put(names.get(c), c) != null) {
        throw new IllegalArgumentException("two comparisons are named " + names.get(c));
      }
    }
    this.names = List.copyOf(names);
    this.levelNames = levelNames.stream().map(List::copyOf).toList();
    this.m = new double[n][];
    this.u = new double[n][];
    this.explained = new int[n][][];
    List<List<Set<String>>> explainsCopy = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      int levels = levelNames.get(c).size();
      String name = names.get(c);
      if (levels < 2 || m[c].length != levels || u[c].length != levels || explains.get(c).size() != levels) {
        throw new IllegalArgumentException(name + ": m, u and explained-away sets need one value per level");
      }
      this.m[c] = m[c].clone();
      this.u[c] = u[c].clone();
      this.m[c][0] = 1;
      this.u[c][0] = 1;
      this.explained[c] = new int[levels][];
      List<Set<String>> levelSets = new ArrayList<>();
      for (int l = 0; l < levels; l++) {
        if (l > 0 && !(m[c][l] > 0 && m[c][l] <= 1 && u[c][l] > 0 && u[c][l] <= 1)) {
          throw new IllegalArgumentException(name + " level " + l + ": m and u must be in (0, 1], not "
              + m[c][l] + ", " + u[c][l]);
        }
        Set<String> set = Set.copyOf(explains.get(c).get(l));
        levelSets.add(set);
        this.explained[c][l] = set.stream().filter(index::containsKey).mapToInt(index::get).sorted().toArray();
      }
      explainsCopy.add(List.copyOf(levelSets));
    }
    this.estimable = estimable.clone();
    this.explains = List.copyOf(explainsCopy);
    this.lambda = lambda;
  }

  /** The model of the comparisons' default m and u (see {@link Comparison#levels}) with prior lambda. */
  public static FellegiSunterModel of(ComparisonSet comparisons, double lambda) {
    int n = comparisons.size();
    List<String> names = new ArrayList<>();
    List<List<String>> levelNames = new ArrayList<>();
    double[][] m = new double[n][];
    double[][] u = new double[n][];
    boolean[] estimable = new boolean[n];
    List<List<Set<String>>> explains = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      Comparison comparison = comparisons.get(c);
      List<Level> levels = comparison.levels();
      names.add(comparison.name());
      levelNames.add(comparison.levelNames());
      m[c] = levels.stream().mapToDouble(Level::m).toArray();
      u[c] = levels.stream().mapToDouble(Level::u).toArray();
      estimable[c] = comparison.estimable();
      List<Set<String>> sets = new ArrayList<>();
      for (int l = 0; l < levels.size(); l++) {
        sets.add(comparison.explainsAway(l));
      }
      explains.add(sets);
    }
    return new FellegiSunterModel(names, levelNames, m, u, estimable, explains, lambda);
  }

  /** This model with other parameters: m and u by [comparison][level] (level 0 ignored), and lambda. */
  public FellegiSunterModel withParameters(double[][] m, double[][] u, double lambda) {
    return new FellegiSunterModel(names, levelNames, m, u, estimable, explains, lambda);
  }

  public FellegiSunterModel withLambda(double lambda) {
    return withParameters(m, u, lambda);
  }

  /**
   * This model with one comparison's m and u open to EM or held fixed: hold fixed, for instance, the comparisons a
   * blocking rule made agree, when EM runs on the pairs that rule produced.
   */
  public FellegiSunterModel withEstimable(String name, boolean value) {
    boolean[] e = estimable.clone();
    e[indexOf(name)] = value;
    return new FellegiSunterModel(names, levelNames, m, u, e, explains, lambda);
  }

  /** How many comparisons. */
  public int size() {
    return names.size();
  }

  public List<String> names() {
    return names;
  }

  public String name(int comparison) {
    return names.get(comparison);
  }

  /** The position of the named comparison; an exception for an unknown name. */
  public int indexOf(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no comparison named " + name + " in " + names);
    }
    return i;
  }

  public List<String> levelNames(int comparison) {
    return levelNames.get(comparison);
  }

  /** P(level | match); 1 for level 0. */
  public double m(int comparison, int level) {
    return m[comparison][level];
  }

  /** P(level | non-match); 1 for level 0. */
  public double u(int comparison, int level) {
    return u[comparison][level];
  }

  /** Whether EM may re-estimate the comparison's m and u. */
  public boolean estimable(int comparison) {
    return estimable[comparison];
  }

  /** The prior probability that a compared pair is a match. */
  public double lambda() {
    return lambda;
  }

  /** log2(lambda / (1 - lambda)): the weight at which the probability of a match is one half is its negation. */
  public double priorWeight() {
    return log2(lambda) - log2(1 - lambda);
  }

  /** log2(m/u) of one comparison at one level, before anything is explained away; 0 for level 0. */
  public double partialWeight(int comparison, int level) {
    return level == 0 ? 0 : log2(m[comparison][level]) - log2(u[comparison][level]);
  }

  /** The match weight of a comparison vector (one level per comparison, in order). */
  public double weight(int[] levels) {
    double[] parts = parts(levels, null);
    double sum = 0;
    for (double p : parts) {
      sum += p;
    }
    return sum;
  }

  /** The posterior probability of a match for a comparison vector. */
  public double probability(int[] levels) {
    return probability(weight(levels), lambda);
  }

  /** The posterior probability of a match at a match weight, with prior lambda. */
  public static double probability(double weight, double lambda) {
    double logOdds = weight + log2(lambda) - log2(1 - lambda);
    return 1 / (1 + Math.pow(2, -logOdds));
  }

  /** The match weight at which the posterior probability is p, with prior lambda. */
  public static double weightFor(double probability, double lambda) {
    return log2(probability) - log2(1 - probability) - (log2(lambda) - log2(1 - lambda));
  }

  /** Each comparison's level and partial weight, the largest in magnitude first: the decisive evidence. */
  public Evidence explain(int[] levels) {
    String[] by = new String[levels.length];
    double[] parts = parts(levels, by);
    List<Evidence.Item> items = new ArrayList<>();
    double sum = 0;
    for (int c = 0; c < levels.length; c++) {
      sum += parts[c];
      items.add(new Evidence.Item(names.get(c), levels[c], levelNames.get(c).get(levels[c]), parts[c],
          partialWeight(c, levels[c]), by[c]));
    }
    items.sort(Comparator.comparingDouble((Evidence.Item i) -> -Math.abs(i.weight()))
        .thenComparing(Evidence.Item::comparison));
    return new Evidence(sum, probability(sum, lambda), priorWeight(), items);
  }

  /** Partial weights after explaining away; {@code by}, when given, gets the name of the explaining comparison. */
  private double[] parts(int[] levels, String[] by) {
    if (levels.length != names.size()) {
      throw new IllegalArgumentException("expected " + names.size() + " levels, got " + levels.length);
    }
    double[] parts = new double[levels.length];
    for (int c = 0; c < levels.length; c++) {
      if (levels[c] < 0 || levels[c] >= m[c].length) {
        throw new IllegalArgumentException(names.get(c) + ": no level " + levels[c]);
      }
      parts[c] = partialWeight(c, levels[c]);
    }
    for (int c = 0; c < levels.length; c++) {
      for (int other : explained[c][levels[c]]) {
        if (parts[other] > 0) {
          parts[other] = 0;
          if (by != null) {
            by[other] = names.get(c);
          }
        }
      }
    }
    return parts;
  }

  /** The model as JSON: lambda, then each comparison with its levels' names, m, u and explained-away names. */
  public String toJson() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("lambda", lambda);
    ArrayNode comparisons = root.putArray("comparisons");
    for (int c = 0; c < names.size(); c++) {
      ObjectNode comparison = comparisons.addObject();
      comparison.put("name", names.get(c));
      comparison.put("estimable", estimable[c]);
      ArrayNode levels = comparison.putArray("levels");
      for (int l = 0; l < m[c].length; l++) {
        ObjectNode level = levels.addObject();
        level.put("name", levelNames.get(c).get(l));
        level.put("m", m[c][l]);
        level.put("u", u[c][l]);
        if (!explains.get(c).get(l).isEmpty()) {
          ArrayNode away = level.putArray("explainsAway");
          explains.get(c).get(l).stream().sorted().forEach(away::add);
        }
      }
    }
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A model from {@link #toJson} output. */
  public static FellegiSunterModel fromJson(String json) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a model: " + e.getOriginalMessage(), e);
    }
    List<String> names = new ArrayList<>();
    List<List<String>> levelNames = new ArrayList<>();
    List<double[]> m = new ArrayList<>();
    List<double[]> u = new ArrayList<>();
    List<Boolean> estimable = new ArrayList<>();
    List<List<Set<String>>> explains = new ArrayList<>();
    for (JsonNode comparison : root.path("comparisons")) {
      names.add(comparison.path("name").asText());
      estimable.add(comparison.path("estimable").asBoolean(true));
      JsonNode levels = comparison.path("levels");
      List<String> ln = new ArrayList<>();
      double[] cm = new double[levels.size()];
      double[] cu = new double[levels.size()];
      List<Set<String>> sets = new ArrayList<>();
      for (int l = 0; l < levels.size(); l++) {
        JsonNode level = levels.get(l);
        ln.add(level.path("name").asText());
        cm[l] = level.path("m").asDouble();
        cu[l] = level.path("u").asDouble();
        Set<String> away = new LinkedHashSet<>();
        level.path("explainsAway").forEach(x -> away.add(x.asText()));
        sets.add(away);
      }
      levelNames.add(ln);
      m.add(cm);
      u.add(cu);
      explains.add(sets);
    }
    boolean[] e = new boolean[estimable.size()];
    for (int i = 0; i < e.length; i++) {
      e[i] = estimable.get(i);
    }
    return new FellegiSunterModel(names, levelNames, m.toArray(double[][]::new), u.toArray(double[][]::new), e,
        explains, root.path("lambda").asDouble());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FellegiSunterModel other && lambda == other.lambda && names.equals(other.names)
        && levelNames.equals(other.levelNames) && Arrays.deepEquals(m, other.m) && Arrays.deepEquals(u, other.u)
        && Arrays.equals(estimable, other.estimable) && explains.equals(other.explains);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(m) * 31 + Double.hashCode(lambda);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("FellegiSunterModel(lambda=" + lambda + ")");
    for (int c = 0; c < names.size(); c++) {
      out.append("\n  ").append(names.get(c)).append(estimable[c] ? "" : " (fixed)");
      for (int l = 1; l < m[c].length; l++) {
        out.append(String.format("%n    %-60s m=%.6f u=%.6f w=%+.2f", levelNames.get(c).get(l), m[c][l], u[c][l],
            partialWeight(c, l)));
      }
    }
    return out.toString();
  }

  /** Loaded on first use, so that scoring never touches Jackson. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
