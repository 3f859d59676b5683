-- "Colonoscopy Performed": a performed colonoscopy ending on a day from nine years before the start of the
-- measurement period through its end.
SELECT person_id, 'Procedure/' || source_id AS evidence_id, hi AS evidence_date, 'colonoscopy' AS evidence_detail
FROM m_procedure
WHERE is_performed AND array_contains(code_vs, '2.16.840.1.113883.3.464.1003.108.12.1020') -- Colonoscopy
  AND to_date(hi) BETWEEN add_months(:period_start, -108) AND :period_end
