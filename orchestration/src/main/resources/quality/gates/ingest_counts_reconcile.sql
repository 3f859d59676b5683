-- Every ingested file's units are accounted for: lines = accepted + quarantined + blank + duplicates.
-- category: reconciliation
-- severity: fail
-- requires: ops.ingest_ledger
SELECT batch_id, kind, source_system, file, lines, accepted, quarantined, blank, duplicates
FROM ops.ingest_ledger
WHERE lines <> accepted + quarantined + blank + coalesce(duplicates, 0)
