package org.carelake.dashboard.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;

/**
 * Where a person comes from: the source records identity resolution put into them (silver.person_map, with each
 * record's MRN from silver.patient), the links that joined those records (gold.identity_link, with score and
 * decisive evidence) and the pairs still waiting for a data steward (gold.identity_review).
 */
public record PatientIdentity(List<Map<String, Object>> sources, List<Map<String, Object>> links,
    List<Map<String, Object>> reviews) {
  private static final String[] RECORD = {"source_system", "source_patient_id"};

  public static PatientIdentity read(Lakehouse lh, String personId) {
    List<Map<String, Object>> sources = List.of();
    if (lh.exists(GoldTables.PERSON_MAP)) {
      Dataset<Row> map = lh.table(GoldTables.PERSON_MAP).filter(col("person_id").equalTo(lit(personId)));
      if (lh.exists(GoldTables.SOURCE_PATIENT) && hasColumns(lh.table(GoldTables.SOURCE_PATIENT), "person_id", "mrn")) {
        Dataset<Row> mrns = lh.table(GoldTables.SOURCE_PATIENT).filter(col("person_id").equalTo(lit(personId)))
            .select(col("source_system"), col("source_patient_id"), col("mrn"));
        map = map.join(mrns, RECORD, "left");
      }
      sources = Rows.toMaps(map.orderBy(RECORD[0], RECORD[1]).collectAsList());
    }
    List<Map<String, Object>> links = List.of();
    if (lh.exists(GoldTables.IDENTITY_LINK)) {
      links = Rows.toMaps(lh.table(GoldTables.IDENTITY_LINK).filter(col("person_id").equalTo(lit(personId)))
          .orderBy(col("probability").desc_nulls_last(), col("rule"), col("source_patient_id_a")).collectAsList());
    }
    List<Map<String, Object>> reviews = List.of();
    if (lh.exists(GoldTables.IDENTITY_REVIEW)) {
      reviews = Rows.toMaps(lh.table(GoldTables.IDENTITY_REVIEW).filter(col("person_id_a").equalTo(lit(personId))
          .or(col("person_id_b").equalTo(lit(personId)))).orderBy(col("probability").desc_nulls_last())
          .collectAsList());
    }
    return new PatientIdentity(sources, links, reviews);
  }

  private static boolean hasColumns(Dataset<Row> d, String... names) {
    return Arrays.asList(d.columns()).containsAll(List.of(names));
  }
}
