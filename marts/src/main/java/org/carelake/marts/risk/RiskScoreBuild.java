package org.carelake.marts.risk;

import static org.apache.spark.sql.functions.expr;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.Checkpoints;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.TableName;
import org.carelake.marts.ClasspathText;
import org.carelake.marts.measure.MeasurementPeriod;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The risk task: CMS-HCC V28 and V24, Charlson and Elixhauser per person as of the end of the period (from the year's
 * diagnoses, models/risk/risk_input.sql), and LACE per inpatient discharge (models/risk/lace_discharge.sql, the
 * person's latest discharge also as a LACE row of gold.risk_score). Rows of an as-of date are replaced in one commit,
 * so re-running is idempotent and earlier years stay (rising-risk cohorts compare them).
 */
public final class RiskScoreBuild {
  public static final TableName RISK_SCORE = TableName.of(Layer.GOLD, "risk_score");
  public static final TableName LACE = TableName.of(Layer.GOLD, "lace_discharge");

  /** The models scored per person and their names in gold.risk_score (the contract's names first). */
  static final Map<RiskModel, String> MODELS = new LinkedHashMap<>();

  static {
    MODELS.put(RiskModel.CMS_HCC_V28, "CMS-HCC-V28");
    MODELS.put(RiskModel.CMS_HCC_V24, "CMS-HCC-V24");
    MODELS.put(RiskModel.CHARLSON_ORIGINAL, "CHARLSON");
    MODELS.put(RiskModel.CHARLSON_QUAN_2011, "CHARLSON-QUAN-2011");
    MODELS.put(RiskModel.ELIXHAUSER_VAN_WALRAVEN, "ELIXHAUSER");
  }

  static final StructType SCHEMA = new StructType()
      .add("person_id", DataTypes.StringType).add("model", DataTypes.StringType)
      .add("score", DataTypes.DoubleType).add("score_adjusted", DataTypes.DoubleType)
      .add("conditions", DataTypes.createArrayType(DataTypes.StringType))
      .add("components", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType))
      .add("segment", DataTypes.StringType).add("diagnoses", DataTypes.IntegerType)
      .add("as_of_date", DataTypes.DateType);

  private final Lakehouse lh;
  private final PrintStream log;

  public RiskScoreBuild(Lakehouse lh, PrintStream log) {
    this.lh = lh;
    this.log = log;
  }

  /** Scores everyone as of the period's end; returns rows per model. */
  public Map<String, Long> run(MeasurementPeriod period) {
    long t0 = System.nanoTime();
    String asOfLiteral = "DATE'" + period.end() + "'";
    // Each step is computed once and cut from its lineage: the scores, the coverage report, LACE (which needs the
    // Charlson scores) and the summary all read them, and re-planning the inputs' joins over silver for every reader
    // cost more than the rows (a few per person).
    Dataset<Row> input = Checkpoints.cut(lh.sql(period.bind(read("risk_input.sql"))));
    List<Dataset<Row>> cut = new ArrayList<>(List.of(input));
    Map<String, Long> counts = new LinkedHashMap<>();
    try {
      java.sql.Date asOf = java.sql.Date.valueOf(period.end());
      Dataset<Row> scores = Checkpoints.cut(input.mapPartitions(new Scorer(asOf), Encoders.row(SCHEMA)));
      cut.add(scores);
      scores.where("model = 'CHARLSON'").createOrReplaceTempView("risk_charlson");
      Dataset<Row> lace = Checkpoints.cut(lh.sql(period.bind(read("lace_discharge.sql")))
          .selectExpr("*", "l_points + a_points + c_points + e_points AS lace", asOfLiteral + " AS as_of_date"));
      cut.add(lace);
      lh.replaceWhere(LACE, lace, "as_of_date = " + asOfLiteral);
      lace.createOrReplaceTempView("risk_lace");
      Dataset<Row> laceRows = lh.sql("""
          SELECT person_id, 'LACE' AS model, CAST(last.lace AS DOUBLE) AS score, CAST(NULL AS DOUBLE) AS score_adjusted,
            array('encounter ' || last.encounter_id) AS conditions,
            map('L', CAST(last.l_points AS DOUBLE), 'A', CAST(last.a_points AS DOUBLE),
                'C', CAST(last.c_points AS DOUBLE), 'E', CAST(last.e_points AS DOUBLE)) AS components,
            CAST(NULL AS STRING) AS segment, CAST(NULL AS INT) AS diagnoses, as_of_date
          FROM (SELECT person_id, max_by(struct(*), discharged) AS last, max(as_of_date) AS as_of_date
                FROM risk_lace GROUP BY person_id)""");
      Dataset<Row> rows = Checkpoints.cut(scores.unionByName(laceRows));
      cut.add(rows);
      lh.replaceWhere(RISK_SCORE, rows, "as_of_date = " + asOfLiteral);
      for (Row r : rows.groupBy("model").agg(expr("count(*)"), expr("avg(score)")).orderBy("model")
          .collectAsList()) {
        counts.put(r.getString(0), r.getLong(1));
        log.printf("  risk %-20s %,8d person(s), mean score %.3f%n", r.getString(0), r.getLong(1), r.getDouble(2));
      }
      new DiagnosisCoverage(input).print(log);
    } finally {
      cut.forEach(Checkpoints::release);
    }
    log.printf("risk: done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    return counts;
  }

  private static String read(String file) {
    return ClasspathText.read("/models/risk/" + file);
  }


  /** Scores one partition of risk inputs with every model (engines load once per executor JVM). */
  static final class Scorer implements MapPartitionsFunction<Row, Row> {
    private final java.sql.Date asOf;

    Scorer(java.sql.Date asOf) {
      this.asOf = asOf;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      List<Row> out = new ArrayList<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        int age = r.<Integer>getAs("age");
        if (age < 0) {
          continue;
        }
        List<String> dx = CollectionConverters.asJava(r.<scala.collection.Seq<String>>getAs("dx_codes"));
        boolean medicaid = r.getAs("medicaid");
        boolean dual = medicaid && r.<Boolean>getAs("medicare");
        HccSegment segment = dual ? (age >= 65 ? HccSegment.CFA : HccSegment.CFD)
            : (age >= 65 ? HccSegment.CNA : HccSegment.CND);
        PersonRiskInput person = PersonRiskInput.of(age, Sex.parse(r.getAs("sex")), dx).withMedicaid(medicaid)
            .withSegment(segment);
        for (Map.Entry<RiskModel, String> m : MODELS.entrySet()) {
          RiskScore s = RiskModels.score(m.getKey(), person);
          Double adjusted = s instanceof HccScore h ? h.adjustedScore() : null;
          out.add(RowFactory.create(r.getAs("person_id"), m.getValue(), s.score(), adjusted,
              CollectionConverters.asScala(s.conditions()).toSeq(),
              CollectionConverters.asScala(s.components()), s instanceof HccScore ? segment.name() : null,
              dx.size(), asOf));
        }
      }
      return out.iterator();
    }
  }
}
