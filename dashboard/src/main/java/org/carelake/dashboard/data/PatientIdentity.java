package org.carelake.dashboard.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Where a person comes from: the source records identity resolution put into them (silver.person_map, with each
 * record's MRN from silver.patient), the links that joined those records (gold.identity_link, with score and
 * decisive evidence) and the pairs still waiting for a data steward (gold.identity_review).
 */
public record PatientIdentity(List<Map<String, Object>> sources, List<Map<String, Object>> links,
    List<Map<String, Object>> reviews) {
  private static final String[] RECORD = {"source_system", "source_patient_id"};

  /** Reads the four tables at once on {@code pool}; the MRNs are joined here (one person's few records). */
  static CompletableFuture<PatientIdentity> read(PersonTables tables, String personId, Executor pool) {
    CompletableFuture<List<Map<String, Object>>> map = async(pool, () -> tables.exists(GoldTables.PERSON_MAP)
        ? tables.byPerson(GoldTables.PERSON_MAP, personId, col(RECORD[0]), col(RECORD[1])) : List.of());
    CompletableFuture<List<Map<String, Object>>> mrns = async(pool, () -> tables.exists(GoldTables.SOURCE_PATIENT)
        && hasColumns(tables, "person_id", "mrn") ? tables.byPerson(GoldTables.SOURCE_PATIENT, personId) : null);
    CompletableFuture<List<Map<String, Object>>> links = async(pool, () -> tables.exists(GoldTables.IDENTITY_LINK)
        ? tables.byPerson(GoldTables.IDENTITY_LINK, personId, col("probability").desc_nulls_last(), col("rule"),
            col("source_patient_id_a")) : List.of());
    CompletableFuture<List<Map<String, Object>>> reviews = async(pool, () ->
        tables.exists(GoldTables.IDENTITY_REVIEW) ? tables.rows(GoldTables.IDENTITY_REVIEW,
            col("person_id_a").equalTo(lit(personId)).or(col("person_id_b").equalTo(lit(personId))),
            col("probability").desc_nulls_last()) : List.of());
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

  private static boolean hasColumns(PersonTables tables, String... names) {
    return Arrays.asList(tables.table(GoldTables.SOURCE_PATIENT).columns()).containsAll(List.of(names));
  }

  static <T> CompletableFuture<T> async(Executor pool, java.util.function.Supplier<T> read) {
    return CompletableFuture.supplyAsync(read, pool);
  }
}
