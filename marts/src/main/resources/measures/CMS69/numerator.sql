-- "Numerator": a high or low BMI with follow-up, or a normal BMI.
SELECT person_id, evidence_id, evidence_date, evidence_detail FROM cms69_high_bmi_and_follow_up_provided
UNION ALL
SELECT person_id, evidence_id, evidence_date, evidence_detail FROM cms69_low_bmi_and_follow_up_provided
UNION ALL
SELECT person_id, evidence_id, evidence_date, evidence_detail FROM cms69_has_normal_bmi
