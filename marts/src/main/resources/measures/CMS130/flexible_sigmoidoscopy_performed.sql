-- "Flexible Sigmoidoscopy Performed": a performed flexible sigmoidoscopy ending on a day from four years before the
-- start of the measurement period through its end.
SELECT person_id, 'Procedure/' || source_id AS evidence_id, hi AS evidence_date,
  'flexible sigmoidoscopy' AS evidence_detail
FROM m_procedure
WHERE is_performed AND array_contains(code_vs, '2.16.840.1.113883.3.464.1003.198.12.1010') -- Flexible Sigmoidoscopy
  AND to_date(hi) BETWEEN add_months(:period_start, -48) AND :period_end
