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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.carelake.core.Lakehouse;

/**
 * Reads gold for the pages. The worklist of the latest period (open gaps with name, risk and cohorts) is built once,
 * held in memory and rebuilt after a time to live; with it the tables of Patient 360 are loaded into memory by person
 * ({@link PersonStore}), so that a patient page runs no Spark job; a table over the store's memory budget is cached
 * in Spark sorted by person instead ({@link PersonTables}). Every user value reaches Spark as a literal
 * ({@code lit}), never as SQL text.
 */
public final class GoldReader {
  public static final String RISK_MODEL = "CMS-HCC-V28";
  private static final Logger LOG = Logger.getLogger(GoldReader.class.getName());
  private final Lakehouse lh;
  private final Duration ttl;
  private final Clock clock;
  private final long personCacheMaxBytes;
  // Reads of tables served through Spark run side by side: Spark takes jobs from many threads, and each is small.
  private final ExecutorService pool = Executors.newFixedThreadPool(12, r -> {
    Thread t = new Thread(r, "carelake-gold-reader");
    t.setDaemon(true);
    return t;
  });
  private Snapshot snapshot;
  private int builds;

  /**
   * The cached view of the latest period: the open gaps (outreach status left out: it changes between builds), their
   * keys, and Patient 360's tables by person (in memory, else cached in Spark). A request takes one snapshot and
   * reads everything from it, so a refresh never shows it a mix of old and new.
   */
  private record Snapshot(Instant built, LocalDate periodEnd, List<WorklistRow> worklist, Set<String> openGaps,
      Map<String, Set<String>> organizationsByPerson, List<String> measures, List<String> cohorts,
      PersonStore store, PersonTables spark) {
    /** Whether the table exists with the columns the page needs (in memory or in Spark). */
    boolean exists(PersonTable t) {
      return store.holds(t.name()) || spark.holds(t.name());
    }
  }

  static final PersonTable PERSON = PersonTable.of(GoldTables.DIM_PERSON);
  static final PersonTable GAPS = PersonTable.of(GoldTables.CARE_GAP, col("period_end").desc(), col("measure_id"),
      col("group_id"));
  static final PersonTable POPULATIONS = PersonTable.of(GoldTables.MEASURE_POPULATION);
  static final PersonTable RISK = PersonTable.of(GoldTables.RISK_SCORE, col("as_of_date").desc(), col("model"));
  static final PersonTable COHORTS = PersonTable.of(GoldTables.COHORT_MEMBERSHIP, col("entered_on").desc());
  /** The columns the page shows (not source_id, source_table: a UUID per row is most of what compression keeps). */
  static final PersonTable TIMELINE = PersonTable.of(GoldTables.TIMELINE, col("start_time").desc_nulls_last())
      .withColumns("person_id", "event_type", "start_time", "end_time", "code_system", "code", "description",
          "value", "value_unit", "status");
  /** Patient 360's tables in the order they are loaded: the big timeline last, so that it is what a budget leaves. */
  static final List<PersonTable> PERSON_TABLES;

  static {
    List<PersonTable> all = new ArrayList<>(List.of(PERSON, GAPS, POPULATIONS, RISK, COHORTS));
    all.addAll(PatientIdentity.TABLES);
    all.add(TIMELINE);
    PERSON_TABLES = List.copyOf(all);
  }

  public GoldReader(Lakehouse lh, Duration ttl, Clock clock) {
    this(lh, ttl, clock, PersonCacheBudget.defaultMaxBytes());
  }

  /** {@code personCacheMaxBytes}: the heap Patient 360's in-memory tables may take (the rest is read via Spark). */
  public GoldReader(Lakehouse lh, Duration ttl, Clock clock, long personCacheMaxBytes) {
    this.lh = lh;
    this.ttl = ttl;
    this.clock = clock;
    this.personCacheMaxBytes = personCacheMaxBytes;
  }

  private synchronized Snapshot snapshot() {
    if (snapshot == null || clock.instant().isAfter(snapshot.built().plus(ttl))) {
      drop();
      // Built with the old snapshot let go (requests still holding it finish in milliseconds): memory never holds
      // two person stores. Requests arriving meanwhile wait for the new one, as they wait for the first.
      snapshot = build();
      if (builds++ > 0) {
        snapshot.store().report().forEach(line -> LOG.info("Patient 360 store: " + line));
      }
    }
    return snapshot;
  }

  private void drop() {
    if (snapshot != null) {
      snapshot.spark().unpersist();
      snapshot = null;
    }
  }

  /**
   * Builds the worklist cache now and returns its rows, so that the first user after a start does not wait for it
   * (the serve command calls it before announcing the address).
   */
  public long warm() {
    Snapshot s = snapshot();
    return s.worklist().size();
  }

  /** What the Patient 360 store holds, one line per table (which are served through Spark, and why). */
  public List<String> personStoreReport() {
    Snapshot s = snapshot();
    List<String> out = new ArrayList<>(s.store().report());
    out.add(String.format(java.util.Locale.ROOT, "in memory %s of %s allowed (dashboard.person-cache.max-bytes)",
        PersonStore.mb(s.store().bytes()), PersonStore.mb(personCacheMaxBytes)));
    return out;
  }

  /** Forgets the cache: the next request reads gold again (after a pipeline run). */
  public synchronized void refresh() {
    drop();
  }

  private Snapshot build() {
    Instant now = clock.instant();
    PersonStore store = PersonStore.build(lh, PERSON_TABLES, personCacheMaxBytes);
    PersonTables tables = store.fallbacks().isEmpty() ? PersonTables.none() : PersonTables.cache(lh, store.fallbacks());
    if (!lh.exists(GoldTables.CARE_GAP) || !lh.exists(GoldTables.DIM_PERSON)) {
      return new Snapshot(now, null, List.of(), Set.of(), Map.of(), List.of(), List.of(), store, tables);
    }
    Row maxEnd = lh.table(GoldTables.CARE_GAP).agg(expr("max(period_end)")).first();
    if (maxEnd.isNullAt(0)) {
      return new Snapshot(now, null, List.of(), Set.of(), organizations(null), List.of(), List.of(), store,
          tables);
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
        "due_date", "organization_id", "practitioner_id", "risk", "cohorts");
    // One person's open gaps of one period are few; even 10,000 people's fit in memory, and then a worklist request
    // filters and sorts a list instead of running a Spark job.
    List<WorklistRow> rows = new ArrayList<>();
    Set<String> openGaps = new HashSet<>();
    Set<String> measureIds = new TreeSet<>();
    for (Row r : w.collectAsList()) {
      WorklistRow row = toWorklistRow(r);
      rows.add(row);
      openGaps.add(row.gapKey());
      measureIds.add(row.measureId());
    }
    List<String> measures = List.copyOf(measureIds);
    List<String> cohorts = new ArrayList<>();
    if (lh.exists(GoldTables.COHORT_MEMBERSHIP)) {
      for (Row r : lh.table(GoldTables.COHORT_MEMBERSHIP).select("cohort_id").distinct().orderBy("cohort_id")
          .collectAsList()) {
        cohorts.add(r.getString(0));
      }
    }
    return new Snapshot(now, end, List.copyOf(rows), Set.copyOf(openGaps), organizations(end), measures,
        List.copyOf(cohorts), store, tables);
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
    Set<String> orgs = organizations == null ? null : Set.copyOf(organizations);
    List<WorklistRow> rows = new ArrayList<>();
    for (WorklistRow r : s.worklist()) {
      if ((orgs == null || orgs.contains(r.organizationId()))
          && (q.measure() == null || q.measure().equals(r.measureId()))
          && (q.cohort() == null || r.cohorts().contains(q.cohort()))) {
        rows.add(new WorklistRow(r.personId(), r.name(), r.birthDate(), r.measureId(), r.groupId(),
            r.measureTitle(), r.periodEnd(), r.reason(), r.dueDate(), r.organizationId(), r.practitionerId(),
            r.risk(), r.cohorts(), outreach.status(r.gapKey())));
      }
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

  private static WorklistRow toWorklistRow(Row r) {
    Date due = r.getAs("due_date");
    List<String> cohorts = r.isNullAt(r.fieldIndex("cohorts")) ? List.of()
        : List.copyOf(r.<String>getList(r.fieldIndex("cohorts")));
    return new WorklistRow(r.getAs("person_id"), r.getAs("name"), r.getAs("birth_date"), r.getAs("measure_id"),
        r.getAs("group_id"), r.getAs("measure_title"), ((Date) r.getAs("period_end")).toLocalDate(),
        r.getAs("reason"), due == null ? null : due.toLocalDate(), r.getAs("organization_id"),
        r.getAs("practitioner_id"), r.getAs("risk"), cohorts, null);
  }

  /** True when an open gap with this key exists in the latest period (outreach is only set on real gaps). */
  public boolean isOpenGap(String personId, String measureId, String groupId) {
    Snapshot s = snapshot();
    return s.periodEnd() != null
        && s.openGaps().contains(OutreachStore.key(personId, measureId, groupId, s.periodEnd()));
  }

  /** Everything the Patient 360 page shows; null when gold has no such person. */
  public PatientRecord patient(String personId) {
    return patientView(personId).record();
  }

  /**
   * One person's Patient 360 on one snapshot: the panel check and the page read the same data even when a refresh
   * happens in between.
   */
  public PatientView patientView(String personId) {
    return new PatientView(snapshot(), personId);
  }

  /** A person on one snapshot: their organizations (who may see them) and their record. */
  public final class PatientView {
    private final Snapshot s;
    private final String personId;

    private PatientView(Snapshot s, String personId) {
      this.s = s;
      this.personId = personId;
    }

    /** The organizations the person is attributed to (empty for unknown people). */
    public Set<String> organizations() {
      return s.organizationsByPerson().getOrDefault(personId, Set.of());
    }

    /** Everything the Patient 360 page shows; null when gold has no such person. */
    public PatientRecord record() {
      return read(s, personId);
    }
  }

  private PatientRecord read(Snapshot s, String personId) {
    PatientIdentity.PersonRows rows = new PatientIdentity.PersonRows() {
      @Override
      public CompletableFuture<List<Map<String, Object>>> rows(PersonTable t, String id) {
        return GoldReader.this.rows(s, t, id);
      }

      @Override
      public boolean exists(PersonTable t) {
        return s.exists(t);
      }
    };
    var person = rows.rows(PERSON, personId);
    var events = rows.rows(TIMELINE, personId);
    var gaps = rows.rows(GAPS, personId);
    var populations = rows.rows(POPULATIONS, personId);
    var risk = rows.rows(RISK, personId);
    var cohorts = rows.rows(COHORTS, personId);
    var identity = PatientIdentity.read(rows, personId);
    try {
      CompletableFuture.allOf(person, events, gaps, populations, risk, cohorts, identity).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
    if (person.join().isEmpty()) {
      return null;
    }
    Map<String, List<Map<String, Object>>> evidence = new HashMap<>();
    for (Map<String, Object> p : populations.join()) {
      Object ev = p.get("evidence");
      if (ev instanceof List<?> list) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) list;
        evidence.put(p.get("measure_id") + "|" + p.get("group_id") + "|" + p.get("period_end"), items);
      }
    }
    return new PatientRecord(person.join().get(0), events.join(), gaps.join(), evidence, risk.join(), cohorts.join(),
        identity.join());
  }

  /** From memory when the store holds the table (no Spark job), else a small Spark job on the pool. */
  private CompletableFuture<List<Map<String, Object>>> rows(Snapshot s, PersonTable t, String personId) {
    if (s.store().holds(t.name())) {
      return CompletableFuture.completedFuture(s.store().rows(t.name(), personId));
    }
    if (s.spark().holds(t.name())) {
      return CompletableFuture.supplyAsync(() -> s.spark().byPerson(t, personId), pool);
    }
    return CompletableFuture.completedFuture(List.of());
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
