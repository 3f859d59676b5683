-- "Initial Population 4": "Patients Age 40 to 75 Years and have a 10 Year CVD Risk of High without ASCVD and High LDL
-- and Diabetes" (aged 40 to 75 at the start of the measurement period, a 10-year CVD risk of 20 % or more, and no
-- ASCVD, familial hypercholesterolemia, LDL of 190 mg/dL or more, or diabetes) and a qualifying visit.
SELECT r.person_id, min_by(r.evidence_id, r.evidence_date) AS evidence_id, min(r.evidence_date) AS evidence_date,
  min_by(r.evidence_detail, r.evidence_date) AS evidence_detail
FROM cms347_ten_year_cvd_risk_is_high r JOIN m_patient p ON p.person_id = r.person_id
WHERE p.age_at_start BETWEEN 40 AND 75
  AND NOT EXISTS (SELECT 1 FROM cms347_asvcd_diagnosis_or_procedure_before_end_of_measurement_period a
                  WHERE a.person_id = r.person_id)
  AND NOT EXISTS (SELECT 1 FROM cms347_hypercholesterolemia_diagnosis h WHERE h.person_id = r.person_id)
  AND NOT EXISTS (SELECT 1 FROM cms347_ldl_result_greater_than_or_equal_to_190 l WHERE l.person_id = r.person_id)
  AND NOT EXISTS (SELECT 1 FROM cms347_has_diabetes_diagnosis d WHERE d.person_id = r.person_id)
  AND EXISTS (SELECT 1 FROM cms347_qualifying_encounter_during_day_of_measurement_period q
              WHERE q.person_id = r.person_id)
GROUP BY r.person_id
