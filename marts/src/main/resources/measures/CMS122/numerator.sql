-- "Numerator" (inverse: poor control): the lowest reading on the most recent day has no result or is above 9 %,
-- or there is no glycemic status assessment at all in the measurement period.
SELECT person_id, evidence_id, evidence_date, evidence_detail
FROM cms122_lowest_glycemic_status_assessment_reading_on_most_recent_day
WHERE value_quantity IS NULL OR (value_quantity > 9 AND value_unit_code = '%')
UNION ALL
SELECT p.person_id, CAST(NULL AS STRING), CAST(NULL AS TIMESTAMP), 'no glycemic status assessment'
FROM m_patient p
WHERE NOT EXISTS (SELECT 1 FROM cms122_glycemic_status_assessment g WHERE g.person_id = p.person_id)
