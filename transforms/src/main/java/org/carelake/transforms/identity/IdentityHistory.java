package org.carelake.transforms.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;

/**
 * gold.identity_history: one row per source patient whose person_id changed, with the kind of change: merge (its
 * new person gathers records of several earlier persons), split (its earlier person's records went to several
 * persons), both, or reassigned. Rows are keyed by the person_map version they change, and MERGEd in, so a run
 * repeated after a crash records nothing twice.
 */
final class IdentityHistory {
  private IdentityHistory() {}

  /** assigned: {@link StableIds#assign}'s rows; mapVersion: the Delta version of silver.person_map read. */
  static long record(Lakehouse lh, Dataset<Row> assigned, long mapVersion) {
    Dataset<Row> known = assigned.where(col("previous_person_id").isNotNull());
    Dataset<Row> merges = known.groupBy("person_id").agg(countDistinct("previous_person_id").as("k"))
        .where(col("k").gt(1)).select(col("person_id").as("m_id"));
    Dataset<Row> splits = known.groupBy("previous_person_id").agg(countDistinct("person_id").as("k"))
        .where(col("k").gt(1)).select(col("previous_person_id").as("s_id"));
    Dataset<Row> events = known.where(col("previous_person_id").notEqual(col("person_id")))
        .join(merges, col("person_id").equalTo(col("m_id")), "left")
        .join(splits, col("previous_person_id").equalTo(col("s_id")), "left")
        .select(col("source_system"), col("source_patient_id"), col("previous_person_id").as("from_person_id"),
            col("person_id").as("to_person_id"),
            when(col("m_id").isNotNull().and(col("s_id").isNotNull()), lit("merge+split"))
                .when(col("m_id").isNotNull(), lit("merge"))
                .when(col("s_id").isNotNull(), lit("split"))
                .otherwise(lit("reassigned")).as("event"),
            lit(mapVersion).as("map_version"), current_timestamp().as("recorded_at"))
        .cache();
    long n = events.count();
    if (!lh.exists(IdentityTables.HISTORY)) {
      lh.append(IdentityTables.HISTORY, events);
    } else if (n > 0) {
      DeltaTable.forPath(lh.spark(), lh.path(IdentityTables.HISTORY)).as("t").merge(events.as("s"),
              "t.source_system = s.source_system AND t.source_patient_id = s.source_patient_id"
                  + " AND t.map_version = s.map_version AND t.to_person_id = s.to_person_id")
          .whenNotMatched().insertAll().execute();
    }
    events.unpersist();
    return n;
  }
}
