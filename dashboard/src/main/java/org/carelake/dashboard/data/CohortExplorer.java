package org.carelake.dashboard.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.carelake.core.Lakehouse;

/**
 * The cohort explorer's reads: every cohort with its current members and monthly trend, and a cohort's member list.
 * gold.cohort_membership keeps one row per stay (entered_on, exited_on null while current), so the members at the
 * end of a month are the stays entered by then and not exited by then. {@code organizations} scopes everything to
 * those panels; null means everyone.
 */
public final class CohortExplorer {
  /** The trend shows at most this many months (the most recent). */
  static final int MAX_MONTHS = 36;
  private final Lakehouse lh;
  private final GoldReader gold;

  public CohortExplorer(Lakehouse lh, GoldReader gold) {
    this.lh = lh;
    this.gold = gold;
  }

  private Dataset<Row> membership(Collection<String> organizations) {
    Dataset<Row> m = lh.table(GoldTables.COHORT_MEMBERSHIP);
    return organizations == null ? m : m.join(gold.panel(organizations), new String[] {"person_id"}, "left_semi");
  }

  /** Every cohort (defined or with members), with counts and trend within the given panels. */
  public List<CohortSummary> cohorts(Collection<String> organizations) {
    Map<String, String[]> defined = new TreeMap<>();
    TreeSet<String> months = new TreeSet<>();
    if (lh.exists(GoldTables.COHORT)) {
      for (Row r : lh.table(GoldTables.COHORT).select(col("cohort_id"), col("title"), col("description"),
          date_format(col("as_of_date"), "yyyy-MM")).collectAsList()) {
        defined.put(r.getString(0), new String[] {r.getString(1), r.getString(2)});
        if (!r.isNullAt(3)) {
          months.add(r.getString(3));  // the trend runs to the last evaluation, even without changes since
        }
      }
    }
    if (!lh.exists(GoldTables.COHORT_MEMBERSHIP)) {
      return defined.entrySet().stream().map(e -> new CohortSummary(e.getKey(), e.getValue()[0], e.getValue()[1], 0,
          new TreeMap<>())).toList();
    }
    // Stays grouped by entry and exit month: small enough to turn into month-end counts here.
    List<Row> stays = membership(organizations).groupBy(col("cohort_id"),
        date_format(col("entered_on"), "yyyy-MM").as("entered"), date_format(col("exited_on"), "yyyy-MM").as("exited"))
        .count().collectAsList();
    Map<String, List<Row>> byCohort = new HashMap<>();
    for (Row r : stays) {
      byCohort.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r);
      months.add(r.getString(1));
      if (!r.isNullAt(2)) {
        months.add(r.getString(2));
      }
    }
    for (Row r : lh.table(GoldTables.COHORT_MEMBERSHIP).select("cohort_id").distinct().collectAsList()) {
      defined.putIfAbsent(r.getString(0), new String[] {null, null});
    }
    List<String> axis = months.isEmpty() ? List.of() : monthsBetween(months.first(), months.last());
    List<CohortSummary> out = new ArrayList<>();
    for (Map.Entry<String, String[]> e : defined.entrySet()) {
      List<Row> rows = byCohort.getOrDefault(e.getKey(), List.of());
      long current = rows.stream().filter(r -> r.isNullAt(2)).mapToLong(r -> r.getLong(3)).sum();
      SortedMap<String, Long> trend = new TreeMap<>();
      for (String month : axis) {
        // Entered in or before the month, and not exited by its end (an exit month counts as gone).
        trend.put(month, rows.stream().filter(r -> r.getString(1).compareTo(month) <= 0
            && (r.isNullAt(2) || r.getString(2).compareTo(month) > 0)).mapToLong(r -> r.getLong(3)).sum());
      }
      out.add(new CohortSummary(e.getKey(), e.getValue()[0], e.getValue()[1], current, trend));
    }
    return out;
  }

  /** The months from first to last ("yyyy-MM"), at most the last {@link #MAX_MONTHS}. */
  static List<String> monthsBetween(String first, String last) {
    YearMonth end = YearMonth.parse(last);
    YearMonth m = YearMonth.parse(first);
    if (m.plusMonths(MAX_MONTHS).isBefore(end.plusMonths(1))) {
      m = end.minusMonths(MAX_MONTHS - 1);
    }
    List<String> out = new ArrayList<>();
    for (; !m.isAfter(end); m = m.plusMonths(1)) {
      out.add(m.toString());
    }
    return out;
  }

  /** True when gold knows this cohort (a definition or any stay). */
  public boolean exists(String cohortId) {
    return lh.exists(GoldTables.COHORT) && !lh.table(GoldTables.COHORT)
        .filter(col("cohort_id").equalTo(lit(cohortId))).isEmpty()
        || lh.exists(GoldTables.COHORT_MEMBERSHIP) && !lh.table(GoldTables.COHORT_MEMBERSHIP)
        .filter(col("cohort_id").equalTo(lit(cohortId))).isEmpty();
  }

  /** The cohort's current members within the given panels, by name. */
  public List<CohortMember> members(String cohortId, Collection<String> organizations) {
    if (!lh.exists(GoldTables.COHORT_MEMBERSHIP) || !lh.exists(GoldTables.DIM_PERSON)) {
      return List.of();
    }
    Dataset<Row> people = lh.table(GoldTables.DIM_PERSON).select(col("person_id"),
        concat_ws(" ", col("given_name"), col("family_name")).as("name"),
        col("family_name"), col("birth_date").cast(DataTypes.StringType).as("birth_date"));
    List<CohortMember> out = new ArrayList<>();
    for (Row r : membership(organizations).filter(col("cohort_id").equalTo(lit(cohortId))
        .and(col("exited_on").isNull())).join(people, "person_id")
        .orderBy(col("family_name"), col("name"), col("person_id"))
        .select("person_id", "name", "birth_date", "entered_on", "reason").collectAsList()) {
      Date entered = r.getAs("entered_on");
      out.add(new CohortMember(r.getString(0), r.getString(1), r.getString(2),
          entered == null ? null : entered.toLocalDate(), r.getString(4)));
    }
    return out;
  }
}
