-- Every unit the ledger counts as quarantined is in quarantine.input with its reason.
-- category: reconciliation
-- severity: fail
-- requires: ops.ingest_ledger, quarantine.input
WITH q AS (
  SELECT batch_id, file, count(*) AS units FROM quarantine.input GROUP BY batch_id, file
)
SELECT l.batch_id, l.kind, l.file, l.quarantined, coalesce(q.units, 0) AS in_quarantine
FROM ops.ingest_ledger l LEFT JOIN q ON q.batch_id = l.batch_id AND q.file = l.file
WHERE l.quarantined > 0 AND coalesce(q.units, 0) <> l.quarantined
