package org.carelake.transforms.hl7;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.carelake.ingestion.hl7.Hl7FormatException;
import org.carelake.ingestion.hl7.Hl7Message;

/**
 * The FHIR resources of {@code bronze.hl7v2_message}, as rows shaped like {@code bronze.fhir_resource}: one per
 * resource a message maps to, with the message's source, batch, file and offset (as {@code line}), and the
 * message time as {@code last_updated}, so that the newest message about a thing wins as a newer version would.
 */
public final class Hl7Resources {
  /** The columns of bronze.fhir_resource. */
  public static final StructType SCHEMA = org.carelake.ingestion.fhir.BronzeSchemas.FHIR_RESOURCE;

  private Hl7Resources() {}

  public static Dataset<Row> derive(SparkSession spark, Dataset<Row> messages, ZoneId zone) {
    String zoneId = zone.getId();
    Dataset<Row> in = messages.select("batch_id", "source_system", "message", "file", "byte_offset", "ingested_at",
        "message_time");
    FlatMapFunction<Row, Row> map = r -> convert(r, ZoneId.of(zoneId)).iterator();
    return in.flatMap(map, org.apache.spark.sql.Encoders.row(SCHEMA));
  }

  static List<Row> convert(Row r, ZoneId zone) throws NoSuchAlgorithmException {
    String source = r.getString(1);
    Hl7Message msg;
    try {
      msg = Hl7Message.parse(r.getString(2));
    } catch (Hl7FormatException e) {
      return List.of(); // bronze only holds messages that parsed; a changed parser would show up in the tests
    }
    // One version per resource per message: a message that mentions a thing twice gives its last state.
    Map<String, DerivedResource> byKey = new LinkedHashMap<>();
    List<DerivedResource> derived;
    try {
      derived = V2ToFhir.convert(msg, source, zone);
    } catch (RuntimeException e) {
      throw new IllegalStateException("HL7 v2 mapping failed for the message at " + r.getString(3) + " offset "
          + r.getLong(4) + ": " + e.getMessage(), e);
    }
    for (DerivedResource d : derived) {
      byKey.put(d.resourceType() + "/" + d.id(), d);
    }
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    List<Row> out = new ArrayList<>(byKey.size());
    for (DerivedResource d : byKey.values()) {
      Timestamp updated = d.lastUpdated() != null ? Timestamp.from(d.lastUpdated()) : (Timestamp) r.get(6);
      out.add(RowFactory.create(r.getString(0), source, d.resourceType(), d.id(), null, updated, d.patientId(), false,
          null, d.json(), HexFormat.of().formatHex(sha.digest(d.json().getBytes(StandardCharsets.UTF_8))),
          r.getString(3), r.getLong(4), r.get(5)));
    }
    return out;
  }
}
