-- "Initial Population": aged 12 or older at the start of the measurement period with a qualifying encounter in it.
SELECT p.person_id, min_by(q.evidence_id, q.lo) AS evidence_id, min(q.lo) AS evidence_date,
  'qualifying encounter' AS evidence_detail
FROM m_patient p JOIN cms2_qualifying_encounter_during_measurement_period q ON q.person_id = p.person_id
WHERE p.age_at_start >= 12
GROUP BY p.person_id
