package org.carelake.marts.measure;

import java.io.PrintStream;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.TableName;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The measures task: evaluates the measures for a period and writes gold.measure (metadata for the dashboard),
 * gold.measure_population, gold.care_gap and gold.measure_rate. Each period's rows are replaced in one commit per
 * table, so re-running a period is idempotent and other periods (trends) stay.
 */
public final class MeasureBuild {
  public static final TableName MEASURE = TableName.of(Layer.GOLD, "measure");
  public static final TableName POPULATION = TableName.of(Layer.GOLD, "measure_population");
  public static final TableName CARE_GAP = TableName.of(Layer.GOLD, "care_gap");
  public static final TableName RATE = TableName.of(Layer.GOLD, "measure_rate");
  public static final TableName RUN = TableName.of(Layer.GOLD, "measure_run");
  /** The view the outputs read: the period's rows of gold.measure_population (see {@link #periodPopulation}). */
  static final String PERIOD_POPULATION = "period_population";
  private static final Set<String> GOLD_OUTPUTS = Set.of(CARE_GAP.table(), RATE.table());

  private final Lakehouse lh;
  private final MeasureLibrary library;
  private final PrintStream log;

  public MeasureBuild(Lakehouse lh, MeasureLibrary library, PrintStream log) {
    this.lh = lh;
    this.library = library;
    this.log = log;
  }

  /** One measure group's overall counts after a run. */
  public record Rate(String measureId, String groupId, long initialPopulation, long denominator, long exclusions,
      long exceptions, long numerator, Double rate) {}

  /** Evaluates {@code measures} (all when empty) for the period; returns the overall rate of every group. */
  public List<Rate> run(MeasurementPeriod period, List<String> measureIds) {
    List<MeasureDefinition> measures = measureIds.isEmpty() ? library.measures()
        : measureIds.stream().map(library::measure).toList();
    long t0 = System.nanoTime();
    log.printf("measures: %d measure(s) for %s%n", measures.size(), period);
    lh.overwrite(MEASURE, metadata());
    MeasureEvaluation evaluation = new MeasureEvaluation(lh, library, log);
    try {
      evaluation.registerShared(period);
      // Each measure is computed on its own (progress and a time per measure for the benchmark), then all are
      // written in one commit, so readers never see a period with some measures new and some old.
      Dataset<Row> all = null;
      for (MeasureDefinition m : measures) {
        long tm = System.nanoTime();
        Dataset<Row> rows = evaluation.materialize(evaluation.populations(period, m));
        all = all == null ? rows : all.unionByName(rows);
        log.printf("  %-7s evaluated in %5.1f s%n", m.id(), (System.nanoTime() - tm) / 1e9);
      }
      long tw = System.nanoTime();
      lh.replaceWhere(POPULATION, all, periodPredicate(period) + " AND " + measureIn(measures));
      log.printf("  gold.measure_population written in %.1f s%n", (System.nanoTime() - tw) / 1e9);
      lh.replaceWhere(RUN, runs(period, measures), periodPredicate(period) + " AND " + measureIn(measures));
      periodPopulation(all, period, measures).createOrReplaceTempView(PERIOD_POPULATION);
      for (SqlModel m : library.outputs()) {
        Dataset<Row> df = lh.spark().sql(period.bind(m.sql()));
        if (GOLD_OUTPUTS.contains(m.view())) {
          long tg = System.nanoTime();
          lh.replaceWhere(TableName.of(Layer.GOLD, m.view()), df, periodPredicate(period));
          log.printf("  gold.%s written in %.1f s%n", m.view(), (System.nanoTime() - tg) / 1e9);
        } else {
          // a helper view (attribution): computed once, both gold outputs read it
          evaluation.materialize(df).createOrReplaceTempView(m.view());
        }
      }
    } finally {
      evaluation.release();
    }
    List<Rate> rates = rates(period, measures);
    for (Rate r : rates) {
      log.printf("  %-7s group %-26s IP %,7d  DEN %,7d  DENEX %,6d  DENEXCEP %,6d  NUMER %,7d  rate %s%n",
          r.measureId(), r.groupId(), r.initialPopulation(), r.denominator(), r.exclusions(), r.exceptions(),
          r.numerator(), r.rate() == null ? "-" : String.format("%.1f%%", 100 * r.rate()));
    }
    log.printf("measures: done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    return rates;
  }

  /**
   * The period's rows of gold.measure_population as they now stand: the rows just computed (still in memory, so the
   * outputs do not read back what was just written) and, when the run was for some measures only, the other
   * measures' rows from the table.
   */
  private Dataset<Row> periodPopulation(Dataset<Row> computed, MeasurementPeriod period,
      List<MeasureDefinition> measures) {
    if (measures.size() == library.measures().size()) {
      return computed;
    }
    return computed.unionByName(lh.table(POPULATION)
        .where(periodPredicate(period) + " AND NOT " + measureIn(measures)));
  }

  private List<Rate> rates(MeasurementPeriod period, List<MeasureDefinition> measures) {
    Set<String> ids = measures.stream().map(MeasureDefinition::id).collect(java.util.stream.Collectors.toSet());
    List<Rate> out = new ArrayList<>();
    for (Row r : lh.table(RATE).where(periodPredicate(period) + " AND unit_type = 'all'")
        .orderBy("measure_id", "group_id").collectAsList()) {
      if (ids.contains(r.<String>getAs("measure_id"))) {
        out.add(new Rate(r.getAs("measure_id"), r.getAs("group_id"), r.<Long>getAs("initial_population"),
            r.<Long>getAs("denominator"), r.<Long>getAs("denominator_exclusion"),
            r.<Long>getAs("denominator_exception"), r.<Long>getAs("numerator"), r.getAs("performance_rate")));
      }
    }
    return out;
  }

  private static String measureIn(List<MeasureDefinition> measures) {
    return "measure_id IN (" + String.join(", ", measures.stream().map(m -> "'" + m.id() + "'").toList()) + ")";
  }

  /** gold.measure_run: which measures a period was evaluated for, and when (a group with nobody in it has a rate). */
  private Dataset<Row> runs(MeasurementPeriod period, List<MeasureDefinition> measures) {
    StructType schema = new StructType().add("measure_id", DataTypes.StringType)
        .add("period_start", DataTypes.DateType).add("period_end", DataTypes.DateType)
        .add("evaluated_at", DataTypes.TimestampType);
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> rows = measures.stream().map(m -> RowFactory.create(m.id(), Date.valueOf(period.start()),
        Date.valueOf(period.end()), now)).toList();
    return lh.spark().createDataFrame(rows, schema);
  }

  private static String periodPredicate(MeasurementPeriod p) {
    return "period_start = DATE'" + p.start() + "' AND period_end = DATE'" + p.end() + "'";
  }

  /** gold.measure: one row per measure group, from the Measure resources. */
  private Dataset<Row> metadata() {
    StructType schema = new StructType()
        .add("measure_id", DataTypes.StringType).add("name", DataTypes.StringType)
        .add("version", DataTypes.StringType).add("title", DataTypes.StringType)
        .add("description", DataTypes.StringType).add("scoring", DataTypes.StringType)
        .add("improvement_notation", DataTypes.StringType).add("group_id", DataTypes.StringType)
        .add("group_index", DataTypes.IntegerType).add("group_description", DataTypes.StringType)
        .add("population_criteria", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
        .add("population_text", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
    List<Row> rows = new ArrayList<>();
    for (MeasureDefinition m : library.measures()) {
      for (MeasureDefinition.Group g : m.groups()) {
        Map<String, String> criteria = new LinkedHashMap<>();
        Map<String, String> text = new LinkedHashMap<>();
        g.criteria().forEach((p, view) -> criteria.put(p.column(), view));
        g.text().forEach((p, t) -> {
          if (t != null) {
            text.put(p.column(), t);
          }
        });
        rows.add(RowFactory.create(m.id(), m.name(), m.version(), m.title(), m.description(), m.scoring(),
            m.improvementNotation(), g.id(), g.index(), g.description(), scalaMap(criteria), scalaMap(text)));
      }
    }
    return lh.spark().createDataFrame(rows, schema);
  }

  private static scala.collection.Map<String, String> scalaMap(Map<String, String> m) {
    return CollectionConverters.asScala(m);
  }
}
