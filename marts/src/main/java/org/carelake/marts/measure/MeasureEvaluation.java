package org.carelake.marts.measure;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.carelake.core.Checkpoints;
import org.carelake.core.Lakehouse;

/**
 * Evaluates measures over silver for one measurement period: registers the shared models and each measure's models
 * as temporary views (parameterized by the period), then turns every group's population views into one row per
 * person in the initial population with the proportion-measure cascade applied (denominator within the initial
 * population, exclusions and the numerator within the denominator, the numerator only when not excluded, exceptions
 * only when neither excluded nor in the numerator) and the evidence that decided each flag.
 */
public final class MeasureEvaluation {
  private final Lakehouse lh;
  private final MeasureLibrary library;
  private final PrintStream log;
  /** The direct-reference codes of the library (column coding, 'element|system|code'), for the shared models. */
  public static final String DIRECT_CODING_VIEW = "m_direct_coding";
  private static final boolean TRACE = Boolean.getBoolean("carelake.measures.trace");
  private final List<Dataset<Row>> cached = new ArrayList<>();
  private Set<String> namesUsed;

  public MeasureEvaluation(Lakehouse lh, MeasureLibrary library, PrintStream log) {
    this.lh = lh;
    this.library = library;
    this.log = log;
  }

  /** Registers the shared models for the period, each computed once (every measure reads them). */
  public void registerShared(MeasurementPeriod period) {
    long t0 = System.nanoTime();
    spark().createDataset(library.directCodings(), Encoders.STRING()).toDF("coding")
        .createOrReplaceTempView(DIRECT_CODING_VIEW);
    for (SqlModel m : library.shared()) {
      register(m, period, true);
    }
    log.printf("  %d shared model(s) registered in %.1f s%n", library.shared().size(), (System.nanoTime() - t0) / 1e9);
  }

  /** One measure's population rows (schema of gold.measure_population), after {@link #registerShared}. */
  public Dataset<Row> populations(MeasurementPeriod period, MeasureDefinition measure) {
    for (SqlModel m : measure.models()) {
      register(m, period, false);
    }
    Dataset<Row> all = null;
    for (MeasureDefinition.Group g : measure.groups()) {
      Dataset<Row> rows = spark().sql(groupSql(measure, g, period));
      all = all == null ? rows : all.unionByName(rows);
    }
    if (all == null) {
      throw new IllegalStateException("measure " + measure.id() + " has no population groups");
    }
    return all;
  }

  /**
   * Computes {@code df} now and cuts it from its lineage (kept until {@link #release}): what reads it scans the rows
   * instead of re-analysing the whole plan of every model it builds on, which dominated the run time.
   */
  public Dataset<Row> materialize(Dataset<Row> df) {
    Dataset<Row> done = Checkpoints.cut(df);
    cached.add(done);
    return done;
  }

  /** Frees the materialized models' blocks. */
  public void release() {
    cached.forEach(Checkpoints::release);
    cached.clear();
  }

  private void register(SqlModel m, MeasurementPeriod period, boolean materialize) {
    long t0 = System.nanoTime();
    Dataset<Row> df;
    try {
      df = spark().sql(period.bind(m.sql()));
      if (materialize) {
        df = materialize(usedColumns(df));
      }
    } catch (Exception e) {  // AnalysisException is checked in Java terms
      throw new IllegalStateException("measure model " + m.file() + " (view " + m.view() + "): "
          + firstLine(e.getMessage()), e);
    }
    if (materialize && TRACE) {
      log.printf("    %-40s %6.1f s %,14d bytes%n", m.view(), (System.nanoTime() - t0) / 1e9,
          df.queryExecution().optimizedPlan().stats().sizeInBytes().longValue());
    }
    df.createOrReplaceTempView(m.view());
  }

  /**
   * The columns of a shared model that some model names: the resource models carry their whole silver row (over a
   * hundred columns for an observation), of which the measures read a few, and every column kept is copied into the
   * materialized rows and again by every scan of them.
   */
  private Dataset<Row> usedColumns(Dataset<Row> df) {
    if (namesUsed == null) {
      namesUsed = library.namesUsed();
    }
    List<Column> keep = new ArrayList<>();
    for (String c : df.columns()) {
      if (namesUsed.contains(c.toLowerCase(Locale.ROOT))) {
        keep.add(df.col(c));
      }
    }
    return keep.size() == df.columns().length ? df : df.select(keep.toArray(new Column[0]));
  }

  /** One group's rows: a LEFT JOIN of every population view (aggregated per person) onto the initial population. */
  private String groupSql(MeasureDefinition measure, MeasureDefinition.Group g, MeasurementPeriod period) {
    Map<Population, String> alias = new LinkedHashMap<>();
    StringBuilder with = new StringBuilder("WITH ");
    for (Population p : Population.values()) {
      String view = g.criteria().get(p);
      if (view == null) {
        continue;
      }
      String a = "p_" + p.column();
      alias.put(p, a);
      if (alias.size() > 1) {
        with.append(",\n");
      }
      with.append(a).append(" AS (SELECT person_id, array_sort(collect_list(named_struct('population', '")
          .append(p.column()).append("', 'resource', ").append(column(view, "evidence_id", "STRING"))
          .append(", 'date', ").append(column(view, "evidence_date", "TIMESTAMP")).append(", 'detail', ")
          .append(column(view, "evidence_detail", "STRING")).append(")), ").append(EVIDENCE_ORDER)
          .append(") AS ev FROM ").append(view)
          .append(" WHERE person_id IS NOT NULL GROUP BY person_id)");
    }
    String ip = alias.get(Population.INITIAL_POPULATION);
    if (ip == null) {
      throw new IllegalStateException("measure " + measure.id() + " group " + g.id() + " has no initial population");
    }
    String den = in(alias, Population.DENOMINATOR);
    String dx = den + " AND " + in(alias, Population.DENOMINATOR_EXCLUSION);
    String num = den + " AND NOT (" + dx + ") AND " + in(alias, Population.NUMERATOR);
    String nx = "(" + num + ") AND " + in(alias, Population.NUMERATOR_EXCLUSION);
    String dc = den + " AND NOT (" + dx + ") AND NOT (" + num + ") AND " + in(alias, Population.DENOMINATOR_EXCEPTION);
    StringBuilder sql = new StringBuilder(with).append(",\nflags AS (SELECT ").append(ip)
        .append(".person_id, ").append(den).append(" AS denominator, ").append(dx)
        .append(" AS denominator_exclusion, ").append(num).append(" AS numerator, ").append(nx)
        .append(" AS numerator_exclusion, ").append(dc).append(" AS denominator_exception");
    for (String a : alias.values()) {
      sql.append(", ").append(a).append(".ev AS ev_").append(a);
    }
    sql.append("\nFROM ").append(ip);
    for (Map.Entry<Population, String> e : alias.entrySet()) {
      if (e.getKey() != Population.INITIAL_POPULATION) {
        sql.append("\nLEFT JOIN ").append(e.getValue()).append(" ON ").append(e.getValue()).append(".person_id = ")
            .append(ip).append(".person_id");
      }
    }
    // Evidence kept: each population's, when the person ends up in it (an excluded person's numerator is moot).
    String empty = "filter(ev_" + ip + ", e -> false)";
    String evidence = alias.values().stream().map(a -> "coalesce(ev_" + a + ", " + empty + ")")
        .collect(Collectors.joining(", "));
    String kept = alias.keySet().stream().filter(p -> p != Population.INITIAL_POPULATION)
        .map(p -> " WHEN '" + p.column() + "' THEN " + p.column()).collect(Collectors.joining());
    sql.append(")\nSELECT '").append(measure.id()).append("' AS measure_id, '").append(g.id())
        .append("' AS group_id, ").append(g.index()).append(" AS group_index, DATE'").append(period.start())
        .append("' AS period_start, DATE'").append(period.end()).append("' AS period_end, person_id, ")
        .append("true AS initial_population, denominator, denominator_exclusion, denominator_exception, numerator, ")
        .append("numerator_exclusion, filter(concat(").append(evidence).append("), e -> CASE e.population")
        .append(kept).append(" ELSE true END) AS evidence FROM flags");
    return sql.toString();
  }

  /**
   * Each population's evidence in a fixed order (by date, then resource and detail; populations follow each other in
   * their order): collected after a shuffle it arrives in whatever order the tasks finished, and the care gap quotes
   * the first exclusion and the latest numerator event, so a re-run must see the same order.
   */
  private static final String EVIDENCE_ORDER = "(a, b) -> CASE"
      + " WHEN a.date IS NULL AND b.date IS NOT NULL THEN -1 WHEN a.date IS NOT NULL AND b.date IS NULL THEN 1"
      + " WHEN a.date < b.date THEN -1 WHEN a.date > b.date THEN 1"
      + " WHEN coalesce(a.resource, '') < coalesce(b.resource, '') THEN -1"
      + " WHEN coalesce(a.resource, '') > coalesce(b.resource, '') THEN 1"
      + " WHEN coalesce(a.detail, '') < coalesce(b.detail, '') THEN -1"
      + " WHEN coalesce(a.detail, '') > coalesce(b.detail, '') THEN 1 ELSE 0 END";

  private static String in(Map<Population, String> alias, Population p) {
    String a = alias.get(p);
    return a == null ? "false" : "(" + a + ".person_id IS NOT NULL)";
  }

  private String column(String view, String name, String type) {
    boolean has = Arrays.asList(spark().table(view).columns()).contains(name);
    return has ? "CAST(" + name + " AS " + type + ")" : "CAST(NULL AS " + type + ")";
  }

  private SparkSession spark() {
    return lh.spark();
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
