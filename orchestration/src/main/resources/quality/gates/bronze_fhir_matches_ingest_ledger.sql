-- Bronze holds what the ledger says each FHIR file delivered: one row per accepted resource, one per deletion.
-- A deletion Bundle line is one accepted unit carrying one or more tombstones, hence the inequality for resources.
-- category: reconciliation
-- severity: fail
-- requires: ops.ingest_ledger, bronze.fhir_resource
WITH bronze AS (
  SELECT batch_id, file, count_if(NOT is_deleted) AS resources, count_if(is_deleted) AS deletions
  FROM bronze.fhir_resource GROUP BY batch_id, file
)
SELECT l.batch_id, l.file, l.accepted, l.tombstones, coalesce(b.resources, 0) AS bronze_resources,
       coalesce(b.deletions, 0) AS bronze_deletions
FROM ops.ingest_ledger l LEFT JOIN bronze b ON b.batch_id = l.batch_id AND b.file = l.file
WHERE l.kind = 'fhir_ndjson'
  AND (coalesce(b.deletions, 0) <> l.tombstones
       OR (l.tombstones = 0 AND coalesce(b.resources, 0) <> l.accepted)
       OR coalesce(b.resources, 0) > l.accepted)
