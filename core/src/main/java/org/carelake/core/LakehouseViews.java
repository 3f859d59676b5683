package org.carelake.core;

/** Views every session gets: derived, never stored, so they can never drift from the tables under them. */
final class LakehouseViews {
  private LakehouseViews() {}

  static void declare(Lakehouse lh) {
    // The feed for silver: the newest version of each resource per source, deletions applied. Newest means the
    // latest meta.lastUpdated; among equal timestamps the one ingested last (then the later line) wins.
    lh.declareView(Tables.FHIR_CURRENT, """
        SELECT source_system, resource_type, resource_id, version_id, last_updated, patient_id, resource,
               content_hash, batch_id, file, line, ingested_at
        FROM (
          SELECT *, row_number() OVER (
                   PARTITION BY source_system, resource_type, resource_id
                   ORDER BY last_updated DESC NULLS LAST, ingested_at DESC, file DESC, line DESC) AS version_rank
          FROM delta.`%s`)
        WHERE version_rank = 1 AND NOT is_deleted""".formatted(lh.path(Tables.FHIR_RESOURCE)), Tables.FHIR_RESOURCE);
  }
}
