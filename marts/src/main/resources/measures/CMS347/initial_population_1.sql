-- "Initial Population 1": an ASCVD diagnosis or procedure, or a subsequent NSTEMI, starting on or before the end of
-- the measurement period, and a qualifying visit in it (no age limit).
WITH ascvd AS (
  SELECT * FROM cms347_asvcd_diagnosis_or_procedure_before_end_of_measurement_period
  UNION ALL
  SELECT * FROM cms347_myocardial_infarction_before_end_of_measurement_period
)
SELECT person_id, min_by(evidence_id, evidence_date) AS evidence_id, min(evidence_date) AS evidence_date,
  min_by(evidence_detail, evidence_date) AS evidence_detail
FROM ascvd a
WHERE EXISTS (SELECT 1 FROM cms347_qualifying_encounter_during_day_of_measurement_period q
              WHERE q.person_id = a.person_id)
GROUP BY person_id
