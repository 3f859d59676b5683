-- "Has Systolic Blood Pressure Less Than 140": the lowest systolic reading on the most recent day is < 140 mm[Hg].
SELECT person_id, evidence_id, evidence_date, evidence_detail
FROM cms165_lowest_systolic_reading_on_most_recent_blood_pressure_day
WHERE quantity < 140 AND quantity_unit = 'mm[Hg]'
