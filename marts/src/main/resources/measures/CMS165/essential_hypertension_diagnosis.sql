-- "Essential Hypertension Diagnosis": essential hypertension whose prevalence overlaps the first six months of the
-- measurement period, Interval[start of MP, start of MP + 6 months) (to the instant, not by day).
SELECT person_id, 'Condition/' || source_id AS evidence_id, lo AS evidence_date,
  'essential hypertension' AS evidence_detail
FROM m_condition
WHERE array_contains(code_vs, '2.16.840.1.113883.3.464.1003.104.12.1011') -- Essential Hypertension
  AND lo < CAST(add_months(:period_start, 6) AS TIMESTAMP)
  AND hi >= CAST(:period_start AS TIMESTAMP)
