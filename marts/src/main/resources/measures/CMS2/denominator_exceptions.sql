-- "Denominator Exceptions": a medical or patient reason for not screening (adolescent or adult) without a
-- depression screening of that kind.
SELECT r.* FROM cms2_medical_or_patient_reason_for_not_screening_adolescent_for_depression r
WHERE NOT EXISTS (SELECT 1 FROM cms2_has_adolescent_depression_screening s WHERE s.person_id = r.person_id)
UNION ALL
SELECT r.* FROM cms2_medical_or_patient_reason_for_not_screening_adult_for_depression r
WHERE NOT EXISTS (SELECT 1 FROM cms2_has_adult_depression_screening s WHERE s.person_id = r.person_id)
