-- "Denominator Exceptions": a medical reason for no follow-up plan, or a medical or patient reason for no BMI.
SELECT * FROM cms69_medical_reason_for_not_documenting_a_follow_up_plan_for_low_or_high_bmi
UNION ALL
SELECT * FROM cms69_medical_reason_or_patient_reason_for_not_performing_bmi_exam
