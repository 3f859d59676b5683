-- "Numerator": systolic below 140 and diastolic below 90 on the most recent blood pressure day.
SELECT s.* FROM cms165_has_systolic_blood_pressure_less_than_140 s
WHERE EXISTS (SELECT 1 FROM cms165_has_diastolic_blood_pressure_less_than_90 d WHERE d.person_id = s.person_id)
UNION ALL
SELECT d.* FROM cms165_has_diastolic_blood_pressure_less_than_90 d
WHERE EXISTS (SELECT 1 FROM cms165_has_systolic_blood_pressure_less_than_140 s WHERE s.person_id = d.person_id)
