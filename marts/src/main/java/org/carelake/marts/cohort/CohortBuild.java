package org.carelake.marts.cohort;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.Checkpoints;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.TableName;
import org.carelake.marts.ClasspathText;

/**
 * The cohorts task: evaluates every cohort definition as of a date and keeps membership history in
 * gold.cohort_membership (cohort_id, person_id, entered_on, exited_on, reason): a new member gets a row entered on
 * that date, a member who no longer qualifies has the open row closed (exited_on), a continuing member keeps the
 * row (its reason refreshed). One Delta MERGE per run, so re-running the same date changes nothing. gold.cohort
 * holds the definitions and current counts.
 */
public final class CohortBuild {
  public static final TableName COHORT = TableName.of(Layer.GOLD, "cohort");
  public static final TableName MEMBERSHIP = TableName.of(Layer.GOLD, "cohort_membership");
  private static final Pattern READS = Pattern.compile("\\b(silver|gold|ref)\\.([a-z][a-z0-9_]*)\\b");

  private final Lakehouse lh;
  private final List<CohortDefinition> cohorts;
  private final String featuresSql;
  private final PrintStream log;

  public CohortBuild(Lakehouse lh, List<CohortDefinition> cohorts, String featuresSql, PrintStream log) {
    this.lh = lh;
    this.cohorts = cohorts;
    this.featuresSql = featuresSql;
    this.log = log;
  }

  /** The shipped cohorts and features (classpath /cohorts/). */
  public static CohortBuild shipped(Lakehouse lh, PrintStream log) {
    List<CohortDefinition> defs = new ArrayList<>();
    for (String line : read("INDEX").split("\n")) {
      String f = line.strip();
      if (!f.isEmpty() && !f.startsWith("#")) {
        defs.add(CohortDefinition.parse(f, read(f)));
      }
    }
    return new CohortBuild(lh, defs, read("cohort_person.sql"), log);
  }

  /** The tables the features read that do not exist yet (the cohorts wait for them). */
  public List<String> missingInputs() {
    List<String> missing = new ArrayList<>();
    Matcher m = READS.matcher(featuresSql.replaceAll("--[^\n]*", ""));
    while (m.find()) {
      TableName t = TableName.of(Layer.valueOf(m.group(1).toUpperCase()), m.group(2));
      if (!missing.contains(t.toString()) && !lh.exists(t) && !m.group(2).equals("value_set_member")) {
        missing.add(t.toString());
      }
    }
    return missing;
  }

  /** Evaluates every cohort as of {@code asOf}; returns current members per cohort. */
  public Map<String, Long> run(LocalDate asOf) {
    long t0 = System.nanoTime();
    String date = "DATE'" + asOf + "'";
    Dataset<Row> current = currentMembers(date);
    Map<String, Long> counts = new LinkedHashMap<>();
    try {
      current.createOrReplaceTempView("cohort_current");
      String ids = cohorts.stream().map(c -> "'" + c.id() + "'").collect(Collectors.joining(", "));
      if (!lh.exists(MEMBERSHIP)) {
        lh.overwrite(MEMBERSHIP, lh.sql("SELECT cohort_id, person_id, " + date + " AS entered_on, "
            + "CAST(NULL AS DATE) AS exited_on, reason FROM cohort_current"));
      } else {
        lh.sql("MERGE INTO delta.`" + lh.path(MEMBERSHIP) + "` t USING cohort_current s "
            + "ON t.cohort_id = s.cohort_id AND t.person_id = s.person_id AND t.exited_on IS NULL "
            + "WHEN MATCHED AND NOT (t.reason <=> s.reason) THEN UPDATE SET t.reason = s.reason "
            + "WHEN NOT MATCHED THEN INSERT (cohort_id, person_id, entered_on, exited_on, reason) "
            + "VALUES (s.cohort_id, s.person_id, " + date + ", NULL, s.reason) "
            + "WHEN NOT MATCHED BY SOURCE AND t.exited_on IS NULL AND t.cohort_id IN (" + ids + ") "
            + "AND t.entered_on <= " + date + " THEN UPDATE SET t.exited_on = " + date);
      }
      cohorts.forEach(c -> counts.put(c.id(), 0L));
      for (Row r : lh.sql("SELECT cohort_id, count(*) FROM cohort_current GROUP BY cohort_id").collectAsList()) {
        counts.put(r.getString(0), r.getLong(1));
      }
    } finally {
      Checkpoints.release(current);
    }
    lh.overwrite(COHORT, definitions(counts, asOf));
    counts.forEach((id, n) -> log.printf("  cohort %-28s %,8d member(s)%n", id, n));
    log.printf("cohorts: as of %s in %.1f s%n", asOf, (System.nanoTime() - t0) / 1e9);
    return counts;
  }

  /**
   * Every cohort's members as of {@code date}, computed now: the features (one row per person) once for all
   * criteria, and the memberships once for the MERGE (which reads its source twice) and the counts; otherwise each
   * would re-run the features' joins over silver and gold.
   */
  private Dataset<Row> currentMembers(String date) {
    Dataset<Row> features = Checkpoints.cut(lh.sql(featuresSql.replace(":as_of", date)));
    try {
      features.createOrReplaceTempView("cohort_person");
      Dataset<Row> current = null;
      for (CohortDefinition c : cohorts) {
        Dataset<Row> members;
        try {
          members = lh.sql(c.membersSql());
        } catch (Exception e) {  // AnalysisException is checked in Java terms
          throw new IllegalArgumentException("cohort " + c.id() + ": a criterion is not valid SQL over "
              + "cohort_person: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        current = current == null ? members : current.unionByName(members);
      }
      return Checkpoints.cut(current);
    } finally {
      Checkpoints.release(features);
    }
  }

  private Dataset<Row> definitions(Map<String, Long> counts, LocalDate asOf) {
    StructType schema = new StructType().add("cohort_id", DataTypes.StringType).add("title", DataTypes.StringType)
        .add("description", DataTypes.StringType).add("match", DataTypes.StringType)
        .add("criteria", DataTypes.createArrayType(DataTypes.StringType)).add("members", DataTypes.LongType)
        .add("as_of_date", DataTypes.DateType);
    List<Row> rows = new ArrayList<>();
    for (CohortDefinition c : cohorts) {
      List<String> criteria = c.criteria().stream().map(x -> x.name() + ": " + x.sql()).toList();
      rows.add(RowFactory.create(c.id(), c.title(), c.description(), c.matchAll() ? "all" : "any",
          scala.jdk.javaapi.CollectionConverters.asScala(criteria).toSeq(), counts.get(c.id()),
          java.sql.Date.valueOf(asOf)));
    }
    return lh.spark().createDataFrame(rows, schema);
  }

  private static String read(String file) {
    return ClasspathText.read("/cohorts/" + file);
  }

}
