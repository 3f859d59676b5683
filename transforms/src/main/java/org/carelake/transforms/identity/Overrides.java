package org.carelake.transforms.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Manual decisions of data stewards, applied after every automatic link: a CSV with header
 * {@code action,source_system_a,source_patient_id_a,source_system_b,source_patient_id_b} (more columns, such as a
 * note, are ignored), action {@code link} or {@code unlink}. A link joins the two records' clusters. An unlink
 * detaches record b: every automatic edge touching it is dropped, so it leaves a's cluster (keeping only its
 * manual links).
 */
public record Overrides(List<Pair> links, List<Pair> unlinks) {
  /** Two record keys ({@link SourceRecords#key}). */
  public record Pair(String a, String b) {}

  public static Overrides none() {
    return new Overrides(List.of(), List.of());
  }

  /** Reads the file (any Hadoop path); null or blank is none. */
  public static Overrides read(SparkSession spark, String path) {
    if (path == null || path.isBlank()) {
      return none();
    }
    List<Pair> links = new ArrayList<>();
    List<Pair> unlinks = new ArrayList<>();
    List<Row> rows = spark.read().option("header", "true").csv(path)
        .selectExpr("trim(lower(action))", "trim(source_system_a)", "trim(source_patient_id_a)",
            "trim(source_system_b)", "trim(source_patient_id_b)").collectAsList();
    for (Row r : rows) {
      String action = r.isNullAt(0) ? "" : r.getString(0).toLowerCase(Locale.ROOT);
      for (int i = 1; i <= 4; i++) {
        if (r.isNullAt(i) || r.getString(i).isEmpty()) {
          throw new IllegalArgumentException(path + ": override " + r + " lacks a record");
        }
      }
      Pair p = new Pair(SourceRecords.key(r.getString(1), r.getString(2)),
          SourceRecords.key(r.getString(3), r.getString(4)));
      switch (action) {
        case "link" -> links.add(p);
        case "unlink" -> unlinks.add(p);
        default -> throw new IllegalArgumentException(path + ": action must be link or unlink, not '" + action + "'");
      }
    }
    return new Overrides(List.copyOf(links), List.copyOf(unlinks));
  }
}
