package org.carelake.marts.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.SharedSpark;
import org.carelake.core.TableName;
import org.carelake.marts.GoldModels;
import org.junit.jupiter.api.Test;

/**
 * gold.dim_person survivorship over the records of one person: per attribute, the most trusted source that has it
 * (spark.carelake.identity.sourceTrust), then the most recent record.
 */
class DimPersonSurvivorshipTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static final String TRUST = "spark.carelake.identity.sourceTrust";
  private static final StructType PATIENT = new StructType()
      .add("person_id", DataTypes.StringType).add("source_system", DataTypes.StringType)
      .add("source_patient_id", DataTypes.StringType).add("family", DataTypes.StringType)
      .add("given", DataTypes.StringType).add("phone", DataTypes.StringType)
      .add("last_updated", DataTypes.TimestampType).add("_batch_id", DataTypes.StringType);

  private static Row build(String trust) {
    if (trust == null) {
      SharedSpark.session().conf().unset(TRUST);
    } else {
      SharedSpark.session().conf().set(TRUST, trust);
    }
    try {
      Lakehouse lh = SharedSpark.freshLakehouse("dim-person");
      List<Row> rows = List.of(
          RowFactory.create("p1", "ehr", "E1", "Smith", "Anna", null, Timestamp.valueOf("2024-01-01 00:00:00"), "b1"),
          RowFactory.create("p1", "lab", "L1", "Smyth", null, "2175550100", Timestamp.valueOf("2025-01-01 00:00:00"),
              "b1"));
      GoldModels.Model dim = GoldModels.fromClasspath().stream().filter(m -> m.table().equals("dim_person"))
          .findFirst().orElseThrow();
      // The model reads more columns than the fixture has: the others are added as nulls.
      lh.spark().createDataFrame(rows, PATIENT).createOrReplaceTempView("dim_person_fixture");
      String sql = dim.sql().replace("FROM silver.patient", "FROM (SELECT *, CAST(NULL AS DATE) AS birth_date,"
          + " CAST(NULL AS STRING) AS gender, CAST(NULL AS BOOLEAN) AS deceased_boolean,"
          + " CAST(NULL AS TIMESTAMP) AS deceased_datetime, CAST(NULL AS STRING) AS race_code,"
          + " CAST(NULL AS STRING) AS race_display, CAST(NULL AS STRING) AS ethnicity_code,"
          + " CAST(NULL AS STRING) AS ethnicity_display, CAST(NULL AS STRING) AS address_line,"
          + " CAST(NULL AS STRING) AS address_city, CAST(NULL AS STRING) AS address_state,"
          + " CAST(NULL AS STRING) AS address_postal_code, CAST(NULL AS STRING) AS mrn,"
          + " CAST(NULL AS STRING) AS managing_organization_id FROM dim_person_fixture)");
      GoldModels.build(lh, List.of(new GoldModels.Model("dim_person", sql)), QUIET);
      List<Row> out = lh.table(TableName.of(Layer.GOLD, "dim_person")).collectAsList();
      assertEquals(1, out.size());
      return out.get(0);
    } finally {
      SharedSpark.session().conf().unset(TRUST);
    }
  }

  @Test
  void mostRecentWithoutTrust() {
    Row r = build(null);
    assertEquals("Smyth", r.getAs("family_name"));
    assertEquals("Anna", r.getAs("given_name"), "a newer record's missing value does not erase an older one's");
    assertEquals(2L, (long) r.getAs("source_records"));
  }

  @Test
  void mostTrustedSourceFirst() {
    Row r = build("ehr=2, lab=1");
    assertEquals("Smith", r.getAs("family_name"), "the EHR is trusted more than the newer lab record");
    assertEquals("2175550100", r.getAs("phone"), "only the lab has a phone");
  }
}
