-- "Initial Population": aged 12 or older at the start of the measurement period, with two or more office-based
-- visits or a preventive visit in it.
WITH visits AS (
  SELECT person_id, min_by(evidence_id, evidence_date) AS evidence_id, min(evidence_date) AS evidence_date,
    'preventive visit' AS evidence_detail
  FROM cms138_preventive_visit_during_measurement_period GROUP BY person_id
  UNION ALL
  -- the CQL unions encounters, so two visits are two distinct encounters
  SELECT person_id, max_by(evidence_id, evidence_date), max(evidence_date),
    count(DISTINCT evidence_id) || ' office-based visits'
  FROM cms138_qualifying_visit_during_measurement_period GROUP BY person_id
  HAVING count(DISTINCT evidence_id) >= 2
)
SELECT p.person_id, min_by(v.evidence_id, v.evidence_date) AS evidence_id, min(v.evidence_date) AS evidence_date,
  min_by(v.evidence_detail, v.evidence_date) AS evidence_detail
FROM m_patient p JOIN visits v ON v.person_id = p.person_id
WHERE p.age_at_start >= 12
GROUP BY p.person_id
