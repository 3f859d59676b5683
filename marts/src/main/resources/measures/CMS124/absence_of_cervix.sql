-- "Absence of Cervix": a performed hysterectomy with no residual cervix ending on or before the end of the
-- measurement period, or an absence of cervix diagnosis whose prevalence starts on or before it.
SELECT person_id, 'Procedure/' || source_id AS evidence_id, hi AS evidence_date,
  'hysterectomy with no residual cervix' AS evidence_detail
FROM m_procedure
WHERE is_performed
  AND array_contains(code_vs, '2.16.840.1.113883.3.464.1003.198.12.1014') -- Hysterectomy with No Residual Cervix
  AND to_date(hi) <= :period_end
UNION ALL
SELECT person_id, 'Condition/' || source_id, lo, 'absence of cervix'
FROM m_condition
WHERE array_contains(code_vs, '2.16.840.1.113883.3.464.1003.111.12.1016') -- Congenital or Acquired Absence of Cervix
  AND to_date(lo) <= :period_end
