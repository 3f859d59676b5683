package org.carelake.transforms.silver;

import static org.apache.spark.sql.functions.col;

import java.time.ZoneId;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.carelake.core.Lakehouse;
import org.carelake.core.Tables;
import org.carelake.transforms.hl7.Hl7Resources;

/**
 * Every resource version silver reads, in the columns of {@code bronze.fhir_resource}: the FHIR resources as
 * received, plus the FHIR resources HL7 v2 messages map to (derived from {@code bronze.hl7v2_message} on each
 * build, never stored, so that a better mapping applies to old messages too). The derived part is computed once
 * per build and kept while the build runs.
 */
public final class ResourceFeed implements AutoCloseable {
  private final Dataset<Row> rows;
  private final Dataset<Row> derived;

  private ResourceFeed(Dataset<Row> rows, Dataset<Row> derived) {
    this.rows = rows;
    this.derived = derived;
  }

  /** True when there is any input for silver. */
  public static boolean exists(Lakehouse lh) {
    return lh.exists(Tables.FHIR_RESOURCE) || lh.exists(Tables.HL7V2_MESSAGE);
  }

  public static ResourceFeed open(Lakehouse lh, ZoneId zone) {
    Dataset<Row> fhir = lh.exists(Tables.FHIR_RESOURCE) ? lh.table(Tables.FHIR_RESOURCE) : null;
    Dataset<Row> derived = null;
    if (lh.exists(Tables.HL7V2_MESSAGE)) {
      derived = Hl7Resources.derive(lh.spark(), lh.table(Tables.HL7V2_MESSAGE), zone)
          .persist(StorageLevel.MEMORY_AND_DISK());
    }
    if (fhir == null && derived == null) {
      throw new IllegalStateException("no bronze input: ingest FHIR or HL7 v2 first");
    }
    Dataset<Row> all = fhir == null ? derived : derived == null ? fhir : fhir.unionByName(derived.select(
        java.util.Arrays.stream(fhir.columns()).map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new)));
    return new ResourceFeed(all, derived);
  }

  /** All resource versions (FHIR and derived), deletions included. */
  public Dataset<Row> rows() {
    return rows;
  }

  @Override
  public void close() {
    if (derived != null) {
      derived.unpersist();
    }
  }
}
