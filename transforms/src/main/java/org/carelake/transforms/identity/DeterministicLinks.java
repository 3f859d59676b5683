package org.carelake.transforms.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import java.io.PrintStream;
import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.TableName;

/**
 * Links that need no scoring, as edges (a, b, rule): records sharing an identifier key ({@link IdentifierKeys}:
 * SSN, driver's licence within its issuer, MRN within its assigning authority) from silver.patient's columns and
 * every Patient row of silver.identifier; and Patient.link between two patients of one source (HL7 v2 merges
 * A40/A34 as replaces / replaced-by, FHIR Patient.link), from silver.patient_link. Each identifier group is linked
 * as a star on its smallest member (n - 1 edges instead of n(n-1)/2); a group above the cap is taken for a
 * placeholder and skipped.
 */
public final class DeterministicLinks {
  static final TableName IDENTIFIER = TableName.of(Layer.SILVER, "identifier");
  static final TableName PATIENT_LINK = TableName.of(Layer.SILVER, "patient_link");
  private static final StructType ID_SCHEMA = new StructType()
      .add("rec_key", DataTypes.StringType).add("id_key", DataTypes.StringType);

  private DeterministicLinks() {}

  public static Dataset<Row> of(Lakehouse lh, Dataset<Row> records, int maxGroup, PrintStream log) {
    Dataset<Row> ids = records.select(col("rec_key"), explode(col("id_keys")).as("id_key"));
    if (lh.exists(IDENTIFIER)) {
      ids = ids.unionByName(fromIdentifiers(lh.table(IDENTIFIER)));
    }
    ids = ids.distinct();
    Dataset<Row> groups = ids.groupBy("id_key").agg(min("rec_key").as("head"), count("*").as("n"))
        .where(col("n").gt(1)).cache();
    long big = groups.where(col("n").gt(maxGroup)).count();
    if (big > 0) {
      log.printf("  identity: %,d identifiers shared by more than %d records skipped (placeholders?): %s%n", big,
          maxGroup, groups.where(col("n").gt(maxGroup)).orderBy(col("n").desc()).limit(3)
              .select("id_key").as(Encoders.STRING()).collectAsList());
    }
    Dataset<Row> byId = ids.join(groups.where(col("n").leq(maxGroup)), "id_key")
        .where(col("rec_key").notEqual(col("head")))
        .select(col("head").as("a"), col("rec_key").as("b"),
            org.apache.spark.sql.functions.substring_index(col("id_key"), "|", 1).as("rule"));
    if (!lh.exists(PATIENT_LINK)) {
      return byId;
    }
    Dataset<Row> links = lh.table(PATIENT_LINK)
        .where("other_patient_id IS NOT NULL AND source_patient_id IS NOT NULL"
            + " AND other_patient_id <> source_patient_id")
        .select(concat_ws("|", col("source_system"), col("source_patient_id")).as("x"),
            concat_ws("|", col("source_system"), col("other_patient_id")).as("y"),
            concat_ws(":", lit("patient_link"), col("type")).as("rule"))
        .selectExpr("least(x, y) AS a", "greatest(x, y) AS b", "rule");
    return byId.unionByName(links);
  }

  /** (rec_key, id_key) of the Patient rows of silver.identifier. */
  static Dataset<Row> fromIdentifiers(Dataset<Row> identifier) {
    return identifier.where("resource_type = 'Patient' AND value IS NOT NULL")
        .select("source_system", "source_id", "system", "value", "type_code")
        .flatMap((FlatMapFunction<Row, Row>) r -> {
          String key = IdentifierKeys.of(r.getString(2), r.getString(3), r.getString(4));
          Iterator<Row> none = Collections.emptyIterator();
          return key == null ? none
              : Collections.singletonList(RowFactory.create(SourceRecords.key(r.getString(0), r.getString(1)), key))
                  .iterator();
        }, Encoders.row(ID_SCHEMA));
  }
}
