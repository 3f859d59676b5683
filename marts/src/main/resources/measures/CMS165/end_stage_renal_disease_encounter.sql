-- "End Stage Renal Disease Encounter": performed ESRD monthly outpatient services starting on or before the end of
-- the measurement period.
SELECT person_id, 'Encounter/' || source_id AS evidence_id, lo AS evidence_date,
  'ESRD monthly outpatient services' AS evidence_detail
FROM m_encounter
WHERE is_performed
  AND array_contains(code_vs, '2.16.840.1.113883.3.464.1003.109.12.1014') -- ESRD Monthly Outpatient Services
  AND to_date(lo) <= :period_end
