package org.carelake.dashboard.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.sort_array;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.carelake.core.Lakehouse;
import org.carelake.core.TableName;

/**
 * Reads gold for the pages. The worklist of the latest period (open gaps with name, risk and cohorts) is built once,
 * cached in Spark and rebuilt after a time to live; patient pages read by person_id. Every user value reaches Spark
 * as a literal ({@code lit}), never as SQL text.
 */
public final class GoldReader {
  public static final String RISK_MODEL = "CMS-HCC-V28";
  private final Lakehouse lh;
  private final Duration ttl;
  private final Clock clock;
  private Snapshot snapshot;

  /** The cached view of the latest period. */
  private record Snapshot(Instant built, LocalDate periodEnd, Dataset<Row> worklist,
      Map<String, Set<String>> organizationsByPerson, List<String> measures, List<String> cohorts) {}

  public GoldReader(Lakehouse lh, Duration ttl, Clock clock) {
    this.lh = lh;
    this.ttl = ttl;
    this.clock = clock;
  }

  private synchronized Snapshot snapshot() {
    if (snapshot == null || clock.instant().isAfter(snapshot.built().plus(ttl))) {
      if (snapshot != null && snapshot.worklist() != null) {
        snapshot.worklist().unpersist();
      }
      snapshot = build();
    }
    return snapshot;
  }

  /**
   * Builds the worklist cache now and returns its rows, so that the first user after a start does not wait for it
   * (the serve command calls it before announcing the address).
   */
  public long warm() {
    Snapshot s = snapshot();
    return s.worklist() == null ? 0 : s.worklist().count();
  }

  /** Forgets the cache: the next request reads gold again (after a pipeline run). */
  public synchronized void refresh() {
    if (snapshot != null && snapshot.worklist() != null) {
      snapshot.worklist().unpersist();
    }
    snapshot = null;
  }

  private Snapshot build() {
    Instant now = clock.instant();
    if (!lh.exists(GoldTables.CARE_GAP) || !lh.exists(GoldTables.DIM_PERSON)) {
      return new Snapshot(now, null, null, Map.of(), List.of(), List.of());
    }
    Row maxEnd = lh.table(GoldTables.CARE_GAP).agg(expr("max(period_end)")).first();
    if (maxEnd.isNullAt(0)) {
      return new Snapshot(now, null, null, organizations(null), List.of(), List.of());
    }
    LocalDate end = ((Date) maxEnd.get(0)).toLocalDate();
    Dataset<Row> gaps = lh.table(GoldTables.CARE_GAP)
        .filter(col("period_end").equalTo(lit(Date.valueOf(end))).and(col("status").equalTo(lit("open"))));
    Dataset<Row> people = lh.table(GoldTables.DIM_PERSON).select(col("person_id"),
        concat_ws(" ", col("given_name"), col("family_name")).as("name"),
        col("birth_date").cast(DataTypes.StringType).as("birth_date"));
    Dataset<Row> w = gaps.join(people, "person_id");
    if (lh.exists(GoldTables.RISK_SCORE)) {
      w = w.join(lh.table(GoldTables.RISK_SCORE).filter(col("model").equalTo(lit(RISK_MODEL)))
          .groupBy("person_id").agg(max_by(col("score"), col("as_of_date")).as("risk")), new String[] {"person_id"},
          "left");
    } else {
      w = w.withColumn("risk", lit(null).cast(DataTypes.DoubleType));
    }
    if (lh.exists(GoldTables.COHORT_MEMBERSHIP)) {
      w = w.join(lh.table(GoldTables.COHORT_MEMBERSHIP).filter(col("exited_on").isNull()).groupBy("person_id")
          .agg(sort_array(collect_set("cohort_id")).as("cohorts")), new String[] {"person_id"}, "left");
    } else {
      w = w.withColumn("cohorts", lit(null).cast(DataTypes.createArrayType(DataTypes.StringType)));
    }
    w = w.select("person_id", "name", "birth_date", "measure_id", "group_id", "measure_title", "period_end", "reason",
        "due_date", "organization_id", "practitioner_id", "risk", "cohorts").cache();
    List<String> measures = new ArrayList<>();
    for (Row r : w.select("measure_id").distinct().orderBy("measure_id").collectAsList()) {
      measures.add(r.getString(0));
    }
    List<String> cohorts = new ArrayList<>();
    if (lh.exists(GoldTables.COHORT_MEMBERSHIP)) {
      for (Row r : lh.table(GoldTables.COHORT_MEMBERSHIP).select("cohort_id").distinct().orderBy("cohort_id")
          .collectAsList()) {
        cohorts.add(r.getString(0));
      }
    }
    return new Snapshot(now, end, w, organizations(end), measures, cohorts);
  }

  /** Each person's organizations: the care gaps' attribution of the period plus the record's managing one. */
  private Map<String, Set<String>> organizations(LocalDate end) {
    Dataset<Row> managing = lh.table(GoldTables.DIM_PERSON)
        .select(col("person_id"), col("managing_organization_id").as("organization_id"));
    Dataset<Row> all = managing;
    if (end != null) {
      all = all.union(lh.table(GoldTables.CARE_GAP).filter(col("period_end").equalTo(lit(Date.valueOf(end))))
          .select("person_id", "organization_id"));
    }
    Map<String, Set<String>> out = new HashMap<>();
    for (Row r : all.filter(col("organization_id").isNotNull()).distinct().collectAsList()) {
      out.computeIfAbsent(r.getString(0), k -> new HashSet<>()).add(r.getString(1));
    }
    return out;
  }

  public LocalDate periodEnd() {
    return snapshot().periodEnd();
  }

  public List<String> measures() {
    return snapshot().measures();
  }

  public List<String> cohorts() {
    return snapshot().cohorts();
  }

  /**
   * The people of these organizations' panels (the same rule as {@link #organizationsOf}) as a one-column frame
   * (person_id) to semi-join gold tables with.
   */
  public Dataset<Row> panel(Collection<String> organizations) {
    List<String> people = new ArrayList<>();
    snapshot().organizationsByPerson().forEach((person, orgs) -> {
      if (orgs.stream().anyMatch(organizations::contains)) {
        people.add(person);
      }
    });
    return lh.spark().createDataset(people, Encoders.STRING()).toDF("person_id");
  }

  /** The organizations a person is attributed to (empty for unknown people). */
  public Set<String> organizationsOf(String personId) {
    return snapshot().organizationsByPerson().getOrDefault(personId, Set.of());
  }

  /**
   * The open gaps of the given organizations (all when {@code organizations} is null), filtered and sorted as asked,
   * with each gap's outreach status.
   */
  public List<WorklistRow> worklist(WorklistQuery q, Collection<String> organizations, OutreachStore outreach) {
    Snapshot s = snapshot();
    if (s.worklist() == null) {
      return List.of();
    }
    Dataset<Row> w = s.worklist();
    if (organizations != null) {
      w = w.filter(col("organization_id").isin(organizations.toArray()));
    }
    if (q.measure() != null) {
      w = w.filter(col("measure_id").equalTo(lit(q.measure())));
    }
    if (q.cohort() != null) {
      w = w.filter(expr("cohorts IS NOT NULL").and(org.apache.spark.sql.functions.array_contains(col("cohorts"),
          q.cohort())));
    }
    List<WorklistRow> rows = new ArrayList<>();
    for (Row r : w.collectAsList()) {
      String person = r.getAs("person_id");
      LocalDate end = ((Date) r.getAs("period_end")).toLocalDate();
      Date due = r.getAs("due_date");
      List<String> cohorts = r.isNullAt(r.fieldIndex("cohorts")) ? List.of() : r.getList(r.fieldIndex("cohorts"));
      String measure = r.getAs("measure_id");
      String group = r.getAs("group_id");
      rows.add(new WorklistRow(person, r.getAs("name"), r.getAs("birth_date"), measure, group, r.getAs("measure_title"),
          end, r.getAs("reason"), due == null ? null : due.toLocalDate(), r.getAs("organization_id"),
          r.getAs("practitioner_id"), r.getAs("risk"), cohorts,
          outreach.status(OutreachStore.key(person, measure, group, end))));
    }
    Comparator<WorklistRow> byRisk = Comparator.comparing(WorklistRow::risk,
        Comparator.nullsLast(Comparator.reverseOrder()));
    Comparator<WorklistRow> byDue = Comparator.comparing(WorklistRow::dueDate,
        Comparator.nullsLast(Comparator.naturalOrder()));
    Comparator<WorklistRow> order = q.sort() == WorklistQuery.Sort.DUE ? byDue.thenComparing(byRisk)
        : byRisk.thenComparing(byDue);
    rows.sort(order.thenComparing(WorklistRow::personId).thenComparing(WorklistRow::measureId));
    return rows;
  }

  /** True when an open gap with this key exists in the latest period (outreach is only set on real gaps). */
  public boolean isOpenGap(String personId, String measureId, String groupId) {
    Snapshot s = snapshot();
    return s.worklist() != null && !s.worklist().filter(col("person_id").equalTo(lit(personId))
        .and(col("measure_id").equalTo(lit(measureId))).and(col("group_id").equalTo(lit(groupId))))
        .isEmpty();
  }

  private List<Map<String, Object>> byPerson(TableName t, String personId, Column... order) {
    if (!lh.exists(t)) {
      return List.of();
    }
    Dataset<Row> d = lh.table(t).filter(col("person_id").equalTo(lit(personId)));
    return Rows.toMaps((order.length > 0 ? d.orderBy(order) : d).collectAsList());
  }

  /** Everything the Patient 360 page shows; null when gold has no such person. */
  public PatientRecord patient(String personId) {
    List<Map<String, Object>> person = byPerson(GoldTables.DIM_PERSON, personId);
    if (person.isEmpty()) {
      return null;
    }
    List<Map<String, Object>> events = byPerson(GoldTables.TIMELINE, personId, col("start_time").desc_nulls_last());
    List<Map<String, Object>> gaps = byPerson(GoldTables.CARE_GAP, personId, col("period_end").desc(),
        col("measure_id"), col("group_id"));
    Map<String, List<Map<String, Object>>> evidence = new HashMap<>();
    for (Map<String, Object> p : byPerson(GoldTables.MEASURE_POPULATION, personId)) {
      Object ev = p.get("evidence");
      if (ev instanceof List<?> list) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) list;
        evidence.put(p.get("measure_id") + "|" + p.get("group_id") + "|" + p.get("period_end"), items);
      }
    }
    List<Map<String, Object>> risk = byPerson(GoldTables.RISK_SCORE, personId, col("as_of_date").desc(), col("model"));
    List<Map<String, Object>> cohorts = byPerson(GoldTables.COHORT_MEMBERSHIP, personId, col("entered_on").desc());
    return new PatientRecord(person.get(0), events, gaps, evidence, risk, cohorts, PatientIdentity.read(lh, personId));
  }

  /**
   * Rates of the latest period by unit (all, organization, practitioner), with the measures' metadata, the
   * month-by-month progress and the organizations each practitioner's attributed people belong to.
   */
  public Overview overview() {
    LocalDate end = periodEnd();
    if (end == null || !lh.exists(GoldTables.MEASURE_RATE)) {
      return new Overview(null, List.of(), Map.of(), Map.of(), Map.of());
    }
    List<Map<String, Object>> rates = Rows.toMaps(lh.table(GoldTables.MEASURE_RATE)
        .filter(col("period_end").equalTo(lit(Date.valueOf(end)))
            .and(col("unit_type").isin("all", "organization", "practitioner")))
        .orderBy("measure_id", "group_id", "unit_type", "unit_id").collectAsList());
    Map<String, Map<String, Object>> measures = new HashMap<>();
    if (lh.exists(GoldTables.MEASURE)) {
      for (Map<String, Object> m : Rows.toMaps(lh.table(GoldTables.MEASURE).collectAsList())) {
        measures.put(m.get("measure_id") + "|" + m.get("group_id"), m);
      }
    }
    return new Overview(end, rates, measures, monthlyProgress(end), practitionerOrganizations(end));
  }

  /** Practitioner -> the organizations of the people attributed to them in the period (open and closed gaps). */
  private Map<String, Set<String>> practitionerOrganizations(LocalDate end) {
    Map<String, Set<String>> out = new HashMap<>();
    for (Row r : lh.table(GoldTables.CARE_GAP).filter(col("period_end").equalTo(lit(Date.valueOf(end)))
        .and(col("practitioner_id").isNotNull()).and(col("organization_id").isNotNull()))
        .select("practitioner_id", "organization_id").distinct().collectAsList()) {
      out.computeIfAbsent(r.getString(0), k -> new HashSet<>()).add(r.getString(1));
    }
    return out;
  }

  /**
   * Per measure group: for each month of the period, the share of the denominator (less exclusions and exceptions)
   * whose first numerator evidence falls on or before the month's end.
   */
  private Map<String, MonthlyProgress> monthlyProgress(LocalDate end) {
    if (!lh.exists(GoldTables.MEASURE_POPULATION)) {
      return Map.of();
    }
    Dataset<Row> mp = lh.table(GoldTables.MEASURE_POPULATION)
        .filter(col("period_end").equalTo(lit(Date.valueOf(end))).and(col("denominator"))
            .and(expr("NOT coalesce(denominator_exclusion, false) AND NOT coalesce(denominator_exception, false)")));
    Dataset<Row> counted = mp.select(col("measure_id"), col("group_id"),
        expr("IF(numerator, date_format(array_min(transform(filter(evidence, e -> e.population = 'numerator'), "
            + "e -> to_date(e.date))), 'yyyy-MM'), NULL)").as("month"))
        .groupBy("measure_id", "group_id", "month").count();
    Map<String, MonthlyProgress> out = new HashMap<>();
    for (Row r : counted.collectAsList()) {
      String key = r.getString(0) + "|" + r.getString(1);
      out.computeIfAbsent(key, k -> new MonthlyProgress()).add(r.isNullAt(2) ? null : r.getString(2), r.getLong(3));
    }
    return out;
  }

  /** Month -> numerator persons first met in it, plus the denominator size. */
  public static final class MonthlyProgress {
    private final java.util.TreeMap<String, Long> met = new java.util.TreeMap<>();
    private long denominator;

    void add(String month, long n) {
      denominator += n;
      if (month != null) {
        met.merge(month, n, Long::sum);
      }
    }

    /** The people counted: the denominator less exclusions and exceptions. */
    public long denominator() {
      return denominator;
    }

    /** Cumulative rate by month, over the months that have evidence. */
    public Map<String, Double> cumulative() {
      Map<String, Double> out = new java.util.LinkedHashMap<>();
      long sum = 0;
      for (Map.Entry<String, Long> e : met.entrySet()) {
        sum += e.getValue();
        out.put(e.getKey(), denominator == 0 ? 0.0 : (double) sum / denominator);
      }
      return out;
    }

    public Set<String> months() {
      return new TreeSet<>(met.keySet());
    }
  }
}
