-- "Blood Pressure Days": the days of the latest times of qualifying diastolic readings that are also days of
-- qualifying systolic readings.
SELECT person_id, to_date(latest) AS day FROM cms165_qualifying_diastolic_blood_pressure_reading
INTERSECT
SELECT person_id, to_date(latest) AS day FROM cms165_qualifying_systolic_blood_pressure_reading
