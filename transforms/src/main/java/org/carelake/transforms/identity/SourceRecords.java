package org.carelake.transforms.identity;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * silver.patient as identity resolution reads it: one row per source patient with its key
 * {@code source_system|source_patient_id}, the normalized {@link PersonRecord} ({@link PersonRecordCodec}, so it is
 * normalized once, not once per pair), its blocking keys and its identifier keys.
 */
public final class SourceRecords {
  public static final StructType SCHEMA = new StructType()
      .add("rec_key", DataTypes.StringType, false)
      .add("source_system", DataTypes.StringType)
      .add("source_patient_id", DataTypes.StringType)
      .add("record", DataTypes.BinaryType)
      .add("block_keys", DataTypes.createArrayType(DataTypes.StringType))
      .add("id_keys", DataTypes.createArrayType(DataTypes.StringType));

  private SourceRecords() {}

  /** The key of a source patient; its SHA-256 prefix is the person_id of a cluster it represents (StableIds). */
  public static String key(String sourceSystem, String sourcePatientId) {
    return sourceSystem + "|" + sourcePatientId;
  }

  public static Dataset<Row> of(Dataset<Row> patients) {
    StructType in = patients.schema();
    return patients.where("source_patient_id IS NOT NULL").mapPartitions(new Normalizing(in), Encoders.row(SCHEMA));
  }

  public static byte[] toBytes(PersonRecord r) {
    return PersonRecordCodec.encode(r);
  }

  public static PersonRecord fromBytes(byte[] bytes) {
    return PersonRecordCodec.decode(bytes);
  }

  /** The {@link #SCHEMA} row of a normalized record: its key, encoding, blocking keys and identifier keys. */
  static Row row(PersonRecord r) {
    return RowFactory.create(key(r.sourceSystem(), r.sourcePatientId()), r.sourceSystem(), r.sourcePatientId(),
        toBytes(r), seq(BlockingKeys.of(r)), seq(IdentifierKeys.of(r)));
  }

  /** A Java list as the Scala sequence a Row holds for an array column. */
  static <T> scala.collection.Seq<T> seq(List<T> list) {
    return scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq();
  }

  /** A silver row as the map {@link PersonRecord#fromSilver} reads (arrays as Java lists). */
  static Map<String, Object> asMap(Row row, StructType schema) {
    Map<String, Object> map = new HashMap<>();
    StructField[] fields = schema.fields();
    for (int i = 0; i < fields.length; i++) {
      if (row.isNullAt(i)) {
        continue;
      }
      map.put(fields[i].name(), fields[i].dataType() instanceof ArrayType ? row.getList(i) : row.get(i));
    }
    return map;
  }

  private static final class Normalizing implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final StructType schema;

    Normalizing(StructType schema) {
      this.schema = schema;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          return row(PersonRecord.fromSilver(asMap(rows.next(), schema)));
        }
      };
    }
  }
}
