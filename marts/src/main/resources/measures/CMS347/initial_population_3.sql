-- "Initial Population 3": "Patients Aged 40 to 75 Years with Diabetes without ASCVD or LDL Greater than 190 or
-- Hypercholesterolemia" (aged 40 to 75 at the start of the measurement period, diabetes, and no ASCVD diagnosis or
-- procedure, LDL of 190 mg/dL or more, or familial hypercholesterolemia) and a qualifying visit.
SELECT d.person_id, min_by(d.evidence_id, d.evidence_date) AS evidence_id, min(d.evidence_date) AS evidence_date,
  'diabetes' AS evidence_detail
FROM cms347_has_diabetes_diagnosis d JOIN m_patient p ON p.person_id = d.person_id
WHERE p.age_at_start BETWEEN 40 AND 75
  AND NOT EXISTS (SELECT 1 FROM cms347_asvcd_diagnosis_or_procedure_before_end_of_measurement_period a
                  WHERE a.person_id = d.person_id)
  AND NOT EXISTS (SELECT 1 FROM cms347_ldl_result_greater_than_or_equal_to_190 l WHERE l.person_id = d.person_id)
  AND NOT EXISTS (SELECT 1 FROM cms347_hypercholesterolemia_diagnosis h WHERE h.person_id = d.person_id)
  AND EXISTS (SELECT 1 FROM cms347_qualifying_encounter_during_day_of_measurement_period q
              WHERE q.person_id = d.person_id)
GROUP BY d.person_id
