package org.carelake.dashboard.data;

import static org.apache.spark.sql.functions.col;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Where a person comes from: the source records identity resolution put into them (silver.person_map, with each
 * record's MRN from silver.patient), the links that joined those records (gold.identity_link, with score and
 * decisive evidence) and the pairs still waiting for a data steward (gold.identity_review).
 */
public record PatientIdentity(List<Map<String, Object>> sources, List<Map<String, Object>> links,
    List<Map<String, Object>> reviews) {
  private static final String[] RECORD = {"source_system", "source_patient_id"};
  static final PersonTable PERSON_MAP = PersonTable.of(GoldTables.PERSON_MAP, col(RECORD[0]), col(RECORD[1]));
  /** Only what the page shows: the MRN of each source record (silver.patient holds far more PHI). */
  static final PersonTable SOURCE_PATIENT = PersonTable.of(GoldTables.SOURCE_PATIENT)
      .withColumns("person_id", RECORD[0], RECORD[1], "mrn");
  static final PersonTable LINK = PersonTable.of(GoldTables.IDENTITY_LINK, col("probability").desc_nulls_last(),
      col("rule"), col("source_patient_id_a"));
  /** A pair awaiting review belongs to both of its people. */
  static final PersonTable REVIEW = PersonTable.of(GoldTables.IDENTITY_REVIEW, col("probability").desc_nulls_last())
      .withKeys("person_id_a", "person_id_b");
  static final List<PersonTable> TABLES = List.of(PERSON_MAP, SOURCE_PATIENT, LINK, REVIEW);

  /** One person's rows of a Patient 360 table (empty when the table does not exist), read one way or another. */
  interface PersonRows {
    CompletableFuture<List<Map<String, Object>>> rows(PersonTable t, String personId);

    /** Whether the table exists with the columns the page needs. */
    boolean exists(PersonTable t);
  }

  /** Reads the four tables at once; the MRNs are joined here (one person's few records). */
  static CompletableFuture<PatientIdentity> read(PersonRows tables, String personId) {
    CompletableFuture<List<Map<String, Object>>> map = tables.rows(PERSON_MAP, personId);
    CompletableFuture<List<Map<String, Object>>> mrns = tables.exists(SOURCE_PATIENT)
        ? tables.rows(SOURCE_PATIENT, personId) : CompletableFuture.completedFuture(null);
    CompletableFuture<List<Map<String, Object>>> links = tables.rows(LINK, personId);
    CompletableFuture<List<Map<String, Object>>> reviews = tables.rows(REVIEW, personId);
    return CompletableFuture.allOf(map, mrns, links, reviews).thenApply(v ->
        new PatientIdentity(withMrns(map.join(), mrns.join()), links.join(), reviews.join()));
  }

  /** person_map's rows with {@code mrn} from silver.patient (a left join on the source record). */
  private static List<Map<String, Object>> withMrns(List<Map<String, Object>> map, List<Map<String, Object>> mrns) {
    if (mrns == null) {
      return map;
    }
    Map<List<Object>, Object> byRecord = new HashMap<>();
    for (Map<String, Object> r : mrns) {
      byRecord.putIfAbsent(Arrays.asList(r.get(RECORD[0]), r.get(RECORD[1])), r.get("mrn"));
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> r : map) {
      Map<String, Object> m = new LinkedHashMap<>(r);
      m.put("mrn", byRecord.get(Arrays.asList(r.get(RECORD[0]), r.get(RECORD[1]))));
      out.add(m);
    }
    out.sort(Comparator.comparing((Map<String, Object> m) -> Objects.toString(m.get(RECORD[0]), ""))
        .thenComparing(m -> Objects.toString(m.get(RECORD[1]), "")));
    return out;
  }
}
