package org.carelake.transforms.identity;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.TableName;
import org.carelake.transforms.silver.PersonIds;

/**
 * A small silver fixture for identity tests: silver.patient rows (the columns identity reads), silver.identifier
 * and silver.patient_link rows, and a silver.condition with rows per patient, written as silver would (person_id
 * the per-record default).
 */
final class SilverPatients {
  static final StructType PATIENT = new StructType()
      .add("source_system", DataTypes.StringType).add("source_patient_id", DataTypes.StringType)
      .add("mrn", DataTypes.StringType).add("mrn_system", DataTypes.StringType).add("ssn", DataTypes.StringType)
      .add("family", DataTypes.StringType).add("given", DataTypes.StringType)
      .add("given_all", DataTypes.createArrayType(DataTypes.StringType)).add("suffix", DataTypes.StringType)
      .add("birth_date", DataTypes.DateType).add("gender", DataTypes.StringType)
      .add("phone", DataTypes.StringType).add("email", DataTypes.StringType)
      .add("address_line", DataTypes.StringType).add("address_city", DataTypes.StringType)
      .add("address_state", DataTypes.StringType).add("address_postal_code", DataTypes.StringType)
      .add("multiple_birth_boolean", DataTypes.BooleanType).add("last_updated", DataTypes.TimestampType)
      .add("_batch_id", DataTypes.StringType);
  static final StructType IDENTIFIER = new StructType()
      .add("source_system", DataTypes.StringType).add("source_id", DataTypes.StringType)
      .add("resource_type", DataTypes.StringType).add("system", DataTypes.StringType)
      .add("value", DataTypes.StringType).add("type_code", DataTypes.StringType);
  static final StructType LINK = new StructType()
      .add("source_system", DataTypes.StringType).add("source_id", DataTypes.StringType)
      .add("source_patient_id", DataTypes.StringType).add("type", DataTypes.StringType)
      .add("other_patient_id", DataTypes.StringType);

  final List<Row> patients = new ArrayList<>();
  final List<Row> identifiers = new ArrayList<>();
  final List<Row> links = new ArrayList<>();

  /** One source patient; fields: family, given, birth date, gender, phone, email, address, zip, ssn (any null). */
  SilverPatients patient(String source, String id, String given, String family, String born, String gender,
                         String phone, String email, String address, String zip, String ssn) {
    patients.add(RowFactory.create(source, id, null, null, ssn, family, given,
        given == null ? null : SourceRecords.seq(List.of(given)), null, born == null ? null : Date.valueOf(born),
        gender, phone, email, address, null, null, zip, null, Timestamp.valueOf("2025-01-01 00:00:00"), "b1"));
    return this;
  }

  SilverPatients identifier(String source, String id, String system, String value, String typeCode) {
    identifiers.add(RowFactory.create(source, id, "Patient", system, value, typeCode));
    return this;
  }

  SilverPatients link(String source, String id, String type, String otherId) {
    links.add(RowFactory.create(source, id, id, type, otherId));
    return this;
  }

  /** Writes the tables (replacing them), person_id the default of each record, two conditions per patient. */
  void write(Lakehouse lh) {
    Dataset<Row> p = lh.spark().createDataFrame(patients, PATIENT);
    p = p.withColumn("person_id", PersonIds.of(p.col("source_system"), p.col("source_patient_id")));
    lh.overwrite(table("patient"), p);
    lh.overwrite(table("identifier"), lh.spark().createDataFrame(identifiers, IDENTIFIER));
    lh.overwrite(table("patient_link"), lh.spark().createDataFrame(links, LINK));
    Dataset<Row> c = p.selectExpr("source_system", "source_patient_id", "person_id", "'c1' AS source_id")
        .unionByName(p.selectExpr("source_system", "source_patient_id", "person_id", "'c2' AS source_id"));
    lh.overwrite(table("condition"), c);
  }

  static TableName table(String name) {
    return TableName.of(Layer.SILVER, name);
  }
}
