package org.carelake.core;

/** Views every session gets: derived, never stored, so they can never drift from the tables under them. */
final class LakehouseViews {
  private LakehouseViews() {}

  static void declare(Lakehouse lh) {
    // The current state: the newest version of each resource per source, deletions applied. Newest means the
    // highest numeric meta.versionId, then the latest meta.lastUpdated, then the one ingested last (then the later
    // file and line). Silver computes the same without shuffling every resource (CurrentResources in transforms).
    lh.declareView(Tables.FHIR_CURRENT, """
        SELECT source_system, resource_type, resource_id, version_id, last_updated, patient_id, resource,
               content_hash, batch_id, file, line, ingested_at
        FROM (
          SELECT *, row_number() OVER (
                   PARTITION BY source_system, resource_type, resource_id
                   ORDER BY try_cast(version_id AS BIGINT) DESC NULLS LAST, last_updated DESC NULLS LAST,
                            ingested_at DESC, file DESC, line DESC) AS version_rank
          FROM delta.`%s`)
        WHERE version_rank = 1 AND NOT is_deleted""".formatted(lh.path(Tables.FHIR_RESOURCE)), Tables.FHIR_RESOURCE);
  }
}
