package org.carelake.ingestion.hl7;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.Map;
import org.apache.spark.sql.types.StructType;

/** Columns of {@code bronze.hl7v2_message} (documented in docs/tables.md). */
public final class Hl7BronzeSchema {
  public static final StructType HL7V2_MESSAGE = new StructType()
      .add("batch_id", StringType, false)
      .add("source_system", StringType, false)
      .add("sending_application", StringType, true)
      .add("sending_facility", StringType, true)
      .add("receiving_application", StringType, true)
      .add("receiving_facility", StringType, true)
      .add("message_type", StringType, false)
      .add("trigger_event", StringType, true)
      .add("message_structure", StringType, true)
      .add("control_id", StringType, true)
      .add("message_time", TimestampType, true)
      .add("message_time_text", StringType, true)
      .add("version", StringType, true)
      .add("processing_id", StringType, true)
      .add("message", StringType, false)
      .add("content_hash", StringType, false)
      .add("file", StringType, false)
      .add("byte_offset", LongType, false)
      .add("length", LongType, false)
      .add("line", LongType, false)
      .add("received_at", TimestampType, false)
      .add("ingested_at", TimestampType, false);

  /**
   * Delta statistics on what people filter by, not on the message text; Parquet neither tries a dictionary on nor
   * keeps min/max of the text (long values with a common prefix, slow to compare), nor tries a dictionary on the
   * per-message hash and control id.
   */
  public static final Map<String, String> PROPERTIES = Map.of("delta.dataSkippingStatsColumns",
      "batch_id,source_system,sending_facility,message_type,trigger_event,control_id,message_time,content_hash",
      "parquet.enable.dictionary#message", "false",
      "parquet.column.statistics.enabled#message", "false",
      "parquet.enable.dictionary#content_hash", "false",
      "parquet.enable.dictionary#control_id", "false");

  private Hl7BronzeSchema() {}
}
