-- "Bilateral Mastectomy Procedure": a performed bilateral mastectomy ending on or before the end of the
-- measurement period.
SELECT person_id, 'Procedure/' || source_id AS evidence_id, hi AS evidence_date,
  'bilateral mastectomy' AS evidence_detail
FROM m_procedure
WHERE is_performed
  AND array_contains(code_vs, '2.16.840.1.113883.3.464.1003.198.12.1005') -- Bilateral Mastectomy
  AND to_date(hi) <= :period_end
