-- "Most Recent Blood Pressure Day": the last of the blood pressure days.
SELECT person_id, max(day) AS day FROM cms165_blood_pressure_days GROUP BY person_id
