-- "Initial Population": a qualifying encounter on whose start date the patient is 18 or older (CQL AgeInYearsAt:
-- the birthday counts on the day itself).
SELECT q.person_id, min_by(q.evidence_id, q.evidence_date) AS evidence_id, min(q.evidence_date) AS evidence_date,
  'encounter to evaluate BMI at 18 or older' AS evidence_detail
FROM cms69_qualifying_encounter_during_day_of_measurement_period q
JOIN m_patient p ON p.person_id = q.person_id
WHERE year(q.evidence_date) - year(p.birth_date)
  - IF(month(q.evidence_date) * 100 + day(q.evidence_date) < month(p.birth_date) * 100 + day(p.birth_date), 1, 0)
  >= 18
GROUP BY q.person_id
