-- "Numerator": a mammogram (diagnostic study performed) whose effective time ends on a day from October 1 two years
-- before the measurement period through its end.
SELECT person_id, 'Observation/' || source_id AS evidence_id, hi AS evidence_date, 'mammogram' AS evidence_detail
FROM m_observation
WHERE is_final AND array_contains(code_vs, '2.16.840.1.113883.3.464.1003.108.12.1018') -- Mammography
  AND to_date(hi) BETWEEN make_date(year(:period_start) - 2, 10, 1) AND :period_end
