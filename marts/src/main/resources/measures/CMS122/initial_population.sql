-- "Initial Population": aged 18 to 75 at the end of the measurement period, a qualifying visit in it, and diabetes
-- whose prevalence overlaps it.
SELECT p.person_id, d.evidence_id, d.evidence_date, 'diabetes' AS evidence_detail
FROM m_patient p
JOIN (
  SELECT person_id, min_by('Condition/' || source_id, lo) AS evidence_id, min(lo) AS evidence_date
  FROM m_condition
  WHERE array_contains(code_vs, '2.16.840.1.113883.3.464.1003.103.12.1001') -- Diabetes
    AND to_date(lo) <= :period_end AND to_date(hi) >= :period_start
  GROUP BY person_id
) d ON d.person_id = p.person_id
WHERE p.age_at_end BETWEEN 18 AND 75
  AND EXISTS (SELECT 1 FROM m_qualifying_encounter q WHERE q.person_id = p.person_id)
