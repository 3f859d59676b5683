-- "Follow Up Intervention for Positive Adult Depression Screening": active or completed adult depression
-- medication orders and referrals, and completed adult depression follow-up procedures. performed_start is
-- the start of Procedure.performed, authored_on the requests' authoredOn.
SELECT person_id, 'MedicationRequest/' || source_id AS evidence_id, authored_on AS evidence_date,
  'adult depression medication' AS evidence_detail,
  CAST(NULL AS TIMESTAMP) AS performed_start, authored_on
FROM m_medication_request
WHERE status IN ('active', 'completed') AND intent = 'order'
  AND array_contains(code_vs, '2.16.840.1.113883.3.526.3.1566') -- Adult Depression Medications
UNION ALL
SELECT person_id, 'ServiceRequest/' || source_id, authored_on, 'adult depression referral',
  CAST(NULL AS TIMESTAMP), authored_on
FROM m_service_request
WHERE status IN ('active', 'completed')
  AND array_contains(code_vs, '2.16.840.1.113883.3.526.3.1571') -- Referral for Adult Depression
UNION ALL
SELECT person_id, 'Procedure/' || source_id, lo, 'adult depression follow-up', lo, CAST(NULL AS TIMESTAMP)
FROM m_procedure
WHERE status = 'completed'
  AND array_contains(code_vs, '2.16.840.1.113883.3.526.3.1568') -- Follow Up for Adult Depression
