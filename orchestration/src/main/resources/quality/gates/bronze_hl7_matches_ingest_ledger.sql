-- Bronze holds one row per HL7 v2 message the ledger counts as accepted (duplicates are recorded once).
-- category: reconciliation
-- severity: fail
-- requires: ops.ingest_ledger, bronze.hl7v2_message
WITH bronze AS (
  SELECT batch_id, file, count(*) AS messages FROM bronze.hl7v2_message GROUP BY batch_id, file
)
SELECT l.batch_id, l.file, l.accepted, coalesce(b.messages, 0) AS bronze_messages
FROM ops.ingest_ledger l LEFT JOIN bronze b ON b.batch_id = l.batch_id AND b.file = l.file
WHERE l.kind = 'hl7v2' AND coalesce(b.messages, 0) <> l.accepted
