-- "Initial Population 2": "Patients Aged 20 to 75 with LDL Cholesterol Result Greater than or Equal to 190 or
-- Hypercholesterolemia without ASCVD" (aged 20 to 75 at the start of the measurement period, an LDL of 190 mg/dL or
-- more or familial hypercholesterolemia, and no ASCVD diagnosis or procedure) and a qualifying visit.
WITH high_ldl AS (
  SELECT * FROM cms347_ldl_result_greater_than_or_equal_to_190
  UNION ALL
  SELECT * FROM cms347_hypercholesterolemia_diagnosis
)
SELECT h.person_id, min_by(h.evidence_id, h.evidence_date) AS evidence_id, min(h.evidence_date) AS evidence_date,
  min_by(h.evidence_detail, h.evidence_date) AS evidence_detail
FROM high_ldl h JOIN m_patient p ON p.person_id = h.person_id
WHERE p.age_at_start BETWEEN 20 AND 75
  AND NOT EXISTS (SELECT 1 FROM cms347_asvcd_diagnosis_or_procedure_before_end_of_measurement_period a
                  WHERE a.person_id = h.person_id)
  AND EXISTS (SELECT 1 FROM cms347_qualifying_encounter_during_day_of_measurement_period q
              WHERE q.person_id = h.person_id)
GROUP BY h.person_id
