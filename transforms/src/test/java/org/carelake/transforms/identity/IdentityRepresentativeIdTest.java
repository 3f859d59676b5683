package org.carelake.transforms.identity;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.SharedSpark;
import org.carelake.transforms.silver.PersonIds;
import org.junit.jupiter.api.Test;

/**
 * A new cluster takes the silver id of a member from its largest source, so linking a small feed to the EHR
 * rewrites the feed's silver rows, not the EHR's.
 */
class IdentityRepresentativeIdTest {
  private static final StructType CLUSTERS = new StructType()
      .add("rec_key", DataTypes.StringType)
      .add("source_system", DataTypes.StringType)
      .add("source_patient_id", DataTypes.StringType)
      .add("component", DataTypes.StringType);

  @Test
  void newClusterKeepsTheIdOfItsMemberFromTheLargestSource() {
    SparkSession spark = SharedSpark.session();
    // "adt" sorts before "synthea", and the component label is the smallest key, yet synthea has more records.
    Dataset<Row> clusters = spark.createDataFrame(List.of(
        cluster("adt", "M1", "adt|M1"), cluster("synthea", "p1", "adt|M1"),
        cluster("synthea", "p2", "synthea|p2"), cluster("synthea", "p3", "synthea|p3"),
        cluster("adt", "M4", "adt|M4")), CLUSTERS);
    Map<String, String> ids = ids(StableIds.assign(clusters, null));

    assertEquals(silverId("synthea", "p1"), ids.get("adt|M1"), "the EHR member's silver id wins");
    assertEquals(ids.get("adt|M1"), ids.get("synthea|p1"));
    assertEquals(silverId("synthea", "p2"), ids.get("synthea|p2"), "an unlinked record keeps its silver id");
    assertEquals(silverId("adt", "M4"), ids.get("adt|M4"), "so does an unlinked record of the small source");
  }

  @Test
  void theSourceWithMostSilverRowsWinsWhenRowsAreGiven() {
    SparkSession spark = SharedSpark.session();
    Dataset<Row> clusters = spark.createDataFrame(List.of(
        cluster("ehr", "p1", "adt|M1"), cluster("adt", "M1", "adt|M1"), cluster("lab", "L1", "adt|M1"),
        cluster("ehr", "p2", "ehr|p2")), CLUSTERS);
    // Fewer EHR patients here, but far more EHR rows in silver: the EHR's id is the cheap one to keep.
    Dataset<Row> rows = spark.sql("SELECT * FROM VALUES ('ehr', 9000L), ('adt', 40L) AS t(source_system, source_rows)");
    Map<String, String> ids = ids(StableIds.assign(clusters, null, rows));
    assertEquals(silverId("ehr", "p1"), ids.get("adt|M1"));
    assertEquals(silverId("ehr", "p1"), ids.get("lab|L1"), "a source without rows weighs nothing");
  }

  private static Row cluster(String system, String id, String component) {
    return RowFactory.create(SourceRecords.key(system, id), system, id, component);
  }

  private static String silverId(String system, String id) {
    return SharedSpark.session().range(1).select(PersonIds.of(lit(system), lit(id))).head().getString(0);
  }

  private static Map<String, String> ids(Dataset<Row> assigned) {
    Map<String, String> out = new HashMap<>();
    for (Row r : assigned.collectAsList()) {
      out.put(SourceRecords.key(r.getAs("source_system"), r.getAs("source_patient_id")), r.getAs("person_id"));
    }
    return out;
  }
}
