-- "End Stage Renal Disease Procedures": performed kidney transplant or dialysis ending on or before the end of the
-- measurement period.
SELECT person_id, 'Procedure/' || source_id AS evidence_id, hi AS evidence_date,
  'kidney transplant or dialysis' AS evidence_detail
FROM m_procedure
WHERE is_performed
  AND arrays_overlap(code_vs, array(
    '2.16.840.1.113883.3.464.1003.109.12.1012',    -- Kidney Transplant
    '2.16.840.1.113883.3.464.1003.109.12.1013'))   -- Dialysis Services
  AND to_date(hi) <= :period_end
