-- "Bilateral Mastectomy Diagnosis": history of bilateral mastectomy with a prevalence starting on or before the end
-- of the measurement period.
SELECT person_id, 'Condition/' || source_id AS evidence_id, lo AS evidence_date,
  'history of bilateral mastectomy' AS evidence_detail
FROM m_condition
WHERE array_contains(code_vs, '2.16.840.1.113883.3.464.1003.198.12.1068') -- History of bilateral mastectomy
  AND to_date(lo) <= :period_end
