package org.carelake.core;

/** Views every session gets: derived, never stored, so they can never drift from the tables under them. */
final class LakehouseViews {
  /** Spark conf: how much each source is trusted for gold.dim_person survivorship, e.g. {@code ehr=3,adt=2}. */
  static final String SOURCE_TRUST = "spark.carelake.identity.sourceTrust";

  private LakehouseViews() {}

  /**
   * {@code source_trust(source_system)}: the configured trust of a source (unlisted sources 0), which survivorship
   * ranks before recency.
   */
  static String sourceTrustFunction(String conf) {
    StringBuilder cases = new StringBuilder();
    for (String item : conf == null ? new String[0] : conf.split(",")) {
      String[] kv = item.strip().split("=");
      if (kv.length == 2 && !kv[0].isBlank()) {
        cases.append(" WHEN '").append(kv[0].strip().replace("'", "''")).append("' THEN ")
            .append(Integer.parseInt(kv[1].strip()));
      } else if (!item.isBlank()) {
        throw new IllegalArgumentException(SOURCE_TRUST + ": expected source=number, not '" + item + "'");
      }
    }
    return "(source_system STRING) RETURNS INT COMMENT 'trust of a source for survivorship (" + SOURCE_TRUST
        + ")' RETURN " + (cases.length() == 0 ? "0" : "CASE source_system" + cases + " ELSE 0 END");
  }

  static void declare(Lakehouse lh) {
    lh.declareFunction("source_trust", sourceTrustFunction(lh.spark().conf().get(SOURCE_TRUST, "")));
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

    // Value sets: every loaded version sits side by side in ref.value_set_code; the member view and the function
    // take the newest (greatest version string: VSAC versions are dates, yyyymmdd).
    lh.declareView(Tables.VALUE_SET_MEMBER, """
        SELECT c.value_set_url, c.value_set_oid, c.value_set_version, c.value_set_name, c.system, c.code, c.display
        FROM delta.`%s` c
        JOIN (SELECT value_set_url, max(value_set_version) AS newest FROM delta.`%s` GROUP BY value_set_url) n
          ON c.value_set_url = n.value_set_url AND c.value_set_version <=> n.newest"""
        .formatted(lh.path(Tables.VALUE_SET_CODE), lh.path(Tables.VALUE_SET)), Tables.VALUE_SET_CODE, Tables.VALUE_SET);
    // in_value_set('2.16.840.1.113883.3.464.1003.103.12.1001', code_standard_system, code_standard_code): is the
    // coding in the value set (by OID, URL or name)?
    lh.declareFunction("in_value_set", """
        (value_set STRING, code_system STRING, code_value STRING) RETURNS BOOLEAN
        COMMENT 'true when (code_system, code_value) is in the newest loaded expansion of value_set (OID, URL or name)'
        RETURN EXISTS (SELECT 1 FROM ref.value_set_member m
                       WHERE (m.value_set_oid = value_set OR m.value_set_url = value_set
                              OR m.value_set_name = value_set)
                         AND m.system = code_system AND m.code = code_value)""", Tables.VALUE_SET_CODE,
        Tables.VALUE_SET);
    lh.declareFunction("in_value_set_version", """
        (value_set STRING, version STRING, code_system STRING, code_value STRING) RETURNS BOOLEAN
        COMMENT 'true when (code_system, code_value) is in that version of value_set (OID, URL or name)'
        RETURN EXISTS (SELECT 1 FROM ref.value_set_code c
                       WHERE (c.value_set_oid = value_set OR c.value_set_url = value_set
                              OR c.value_set_name = value_set)
                         AND c.value_set_version = version AND c.system = code_system AND c.code = code_value)""",
        Tables.VALUE_SET_CODE, Tables.VALUE_SET);
  }
}
