-- "Most Recent Tobacco Use Screening Indicates Tobacco User": the last performed tobacco use screening (sorted by the
-- start of its effective time) within the measurement period's days, when its value is in "Tobacco User".
WITH last_screening AS (
  SELECT person_id, max_by(struct(source_id, lo, value_vs), struct(lo, source_id)) AS last
  FROM m_observation
  WHERE is_assessment_performed
    AND array_contains(code_vs, '2.16.840.1.113883.3.526.3.1278') -- Tobacco Use Screening
    AND to_date(lo) >= :period_start AND to_date(hi) <= :period_end
  GROUP BY person_id
)
SELECT person_id, 'Observation/' || last.source_id AS evidence_id, last.lo AS evidence_date,
  'tobacco screening: tobacco user' AS evidence_detail
FROM last_screening
WHERE array_contains(last.value_vs, '2.16.840.1.113883.3.526.3.1170') -- Tobacco User
