-- "Has Diastolic Blood Pressure Less Than 90": the lowest diastolic reading on the most recent day is < 90 mm[Hg].
SELECT person_id, evidence_id, evidence_date, evidence_detail
FROM cms165_lowest_diastolic_reading_on_most_recent_blood_pressure_day
WHERE quantity < 90 AND quantity_unit = 'mm[Hg]'
