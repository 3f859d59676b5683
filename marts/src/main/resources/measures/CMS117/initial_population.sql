-- "Initial Population": aged 2 at the end of the measurement period with a qualifying encounter in it.
SELECT p.person_id, q.evidence_id, q.evidence_date, 'age 2 with a qualifying visit' AS evidence_detail
FROM m_patient p
JOIN (
  SELECT person_id, min_by(evidence_id, evidence_date) AS evidence_id, min(evidence_date) AS evidence_date
  FROM cms117_qualifying_encounters GROUP BY person_id
) q ON q.person_id = p.person_id
WHERE p.age_at_end = 2
