package org.carelake.transforms.identity;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * person_id per cluster, stable across runs. Each previous person_id goes to the cluster holding most of its
 * records (ties: the smallest cluster label); each cluster then keeps, of the ids it won, the one most of its
 * records had (ties: the smallest id). So an unchanged cluster keeps its id, a merge keeps the id of its largest
 * part, and the larger part of a split keeps the id. A cluster that won no id gets the hash of one member's record
 * key, the id silver already gave that member ({@link org.carelake.transforms.silver.PersonIds}): so a first run
 * changes no unlinked record. The member is taken from the source with the most silver rows (ties: the smallest
 * key), because every silver row whose person_id changes must be rewritten: when an EHR's patients link to a lab
 * feed's, keeping the EHR's ids leaves the large EHR tables alone and rewrites only the feed's rows. If that hash
 * is already some other cluster's id (the part of a split holding the record the id was first derived from), a
 * second hash is taken.
 */
public final class StableIds {
  private StableIds() {}

  /** As {@link #assign(Dataset, Dataset, Dataset)}, each source weighed by its number of source patients. */
  public static Dataset<Row> assign(Dataset<Row> clusters, Dataset<Row> previous) {
    return assign(clusters, previous, clusters.groupBy("source_system").agg(count("*").as("source_rows")));
  }

  /**
   * clusters: (rec_key, source_system, source_patient_id, component); previous: (source_system, source_patient_id,
   * person_id) or null; sourceRows: (source_system, source_rows), the silver rows of each source (a source missing
   * from it weighs 0); returns (source_system, source_patient_id, person_id, previous_person_id, cluster_size).
   */
  public static Dataset<Row> assign(Dataset<Row> clusters, Dataset<Row> previous, Dataset<Row> sourceRows) {
    Dataset<Row> members = previous == null ? clusters.withColumn("prev_id", lit(null).cast("string"))
        : clusters.join(previous.select(col("source_system"), col("source_patient_id"),
            col("person_id").as("prev_id")), new String[] {"source_system", "source_patient_id"}, "left");
    Dataset<Row> votes = members.where(col("prev_id").isNotNull()).groupBy("component", "prev_id")
        .agg(count("*").as("n"));
    Dataset<Row> won = votes
        .withColumn("r1", row_number().over(Window.partitionBy("prev_id").orderBy(col("n").desc(),
            col("component"))))
        .where(col("r1").equalTo(1))
        .withColumn("r2", row_number().over(Window.partitionBy("component").orderBy(col("n").desc(),
            col("prev_id"))))
        .where(col("r2").equalTo(1))
        .select(col("component"), col("prev_id").as("kept_id"));
    Dataset<Row> representatives = clusters.join(broadcast(sourceRows), new String[] {"source_system"}, "left")
        .groupBy("component")
        .agg(min(struct(negate(coalesce(col("source_rows"), lit(0L))), col("rec_key"))).as("rep"))
        .select(col("component"), col("rep.rec_key").as("rep_key"));
    Dataset<Row> derived = representatives.join(won, new String[] {"component"}, "left")
        .withColumn("hash", substring(sha2(col("rep_key"), 256), 1, 20));
    Dataset<Row> taken = won.select(col("kept_id").as("taken"));
    Dataset<Row> ids = derived.join(taken, col("hash").equalTo(col("taken")), "left")
        .select(col("component"), coalesce(col("kept_id"), when(col("taken").isNull(), col("hash"))
            .otherwise(substring(sha2(concat(col("rep_key"), lit("|split")), 256), 1, 20))).as("person_id"));
    Dataset<Row> sizes = clusters.groupBy("component").agg(count("*").as("cluster_size"));
    return members.join(ids, "component").join(sizes, "component")
        .select(col("source_system"), col("source_patient_id"), col("person_id"),
            col("prev_id").as("previous_person_id"), col("cluster_size"));
  }
}
