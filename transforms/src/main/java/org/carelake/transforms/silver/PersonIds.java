package org.carelake.transforms.silver;

import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * The person_id silver writes: one person per source patient, a stable hash of (source system, source patient id),
 * so the same patient keeps the same id in every run and every table. The identity task that runs after silver
 * replaces it with the resolved person's id (org.carelake.transforms.identity.StableIds), which for a record
 * linked to nothing, or the smallest record of a new cluster, is this same hash.
 */
public final class PersonIds {
  private PersonIds() {}

  public static Column of(Column sourceSystem, Column sourcePatientId) {
    return when(sourcePatientId.isNotNull(),
        substring(sha2(concat_ws("|", sourceSystem, sourcePatientId), 256), 1, 20));
  }
}
