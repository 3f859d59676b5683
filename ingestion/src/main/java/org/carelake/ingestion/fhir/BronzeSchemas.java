package org.carelake.ingestion.fhir;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/** Column layouts of the tables FHIR ingestion writes (documented in docs/tables.md). */
public final class BronzeSchemas {
  public static final StructType FHIR_RESOURCE = new StructType()
      .add("batch_id", StringType, false)
      .add("source_system", StringType, false)
      .add("resource_type", StringType, false)
      .add("resource_id", StringType, false)
      .add("version_id", StringType, true)
      .add("last_updated", TimestampType, true)
      .add("patient_id", StringType, true)
      .add("is_deleted", BooleanType, false)
      .add("declared_type", StringType, true)
      .add("resource", StringType, false)
      .add("content_hash", StringType, false)
      .add("file", StringType, false)
      .add("line", LongType, false)
      .add("ingested_at", TimestampType, false);

  /**
   * Delta statistics on what people filter by. Parquet tries no dictionary on the columns that are unique per row in a
   * file (the JSON, its hash, the id, the line: the attempt hashes every value before it gives up, a measurable share
   * of the write, BENCHMARKS.md "Where Carelake's ingest time goes") and keeps no min/max of the JSON or its hash.
   * Delta hands table properties to the Parquet writer.
   */
  public static final java.util.Map<String, String> FHIR_RESOURCE_PROPERTIES = java.util.Map.of(
      "delta.dataSkippingStatsColumns",
      "batch_id,source_system,resource_id,version_id,last_updated,patient_id,line,ingested_at",
      "parquet.enable.dictionary#resource", "false",
      "parquet.column.statistics.enabled#resource", "false",
      "parquet.enable.dictionary#content_hash", "false",
      "parquet.column.statistics.enabled#content_hash", "false",
      "parquet.enable.dictionary#resource_id", "false",
      "parquet.enable.dictionary#line", "false");

  public static final StructType QUARANTINE_INPUT = new StructType()
      .add("batch_id", StringType, false)
      .add("kind", StringType, false)
      .add("source_system", StringType, false)
      .add("file", StringType, false)
      .add("line", LongType, true)
      .add("byte_offset", LongType, true)
      .add("length", LongType, true)
      .add("reason", StringType, false)
      .add("detail", StringType, true)
      .add("excerpt", StringType, true)
      .add("quarantined_at", TimestampType, false);

  public static final StructType INGEST_LEDGER = new StructType()
      .add("batch_id", StringType, false)
      .add("kind", StringType, false)
      .add("source_system", StringType, false)
      .add("file", StringType, false)
      .add("file_size", LongType, false)
      .add("file_sha256", StringType, false)
      .add("declared_type", StringType, true)
      .add("lines", LongType, false)
      .add("accepted", LongType, false)
      .add("quarantined", LongType, false)
      .add("blank", LongType, false)
      .add("tombstones", LongType, false)
      .add("type_mismatches", LongType, false)
      .add("started_at", TimestampType, false)
      .add("committed_at", TimestampType, false)
      .add("duplicates", LongType, true);

  private BronzeSchemas() {}
}
