-- "Lowest Systolic Reading on Most Recent Blood Pressure Day": of the qualifying readings on the most recent blood
-- pressure day, the lowest systolic value (CQL sorts nulls first, so a reading without one wins).
WITH ranked AS (
  SELECT r.*, row_number() OVER (PARTITION BY r.person_id ORDER BY r.quantity ASC NULLS FIRST, r.source_id) AS rank
  FROM cms165_qualifying_systolic_blood_pressure_reading r
  JOIN cms165_most_recent_blood_pressure_day d ON d.person_id = r.person_id AND d.day = to_date(r.latest)
)
SELECT * EXCEPT (rank) FROM ranked WHERE rank = 1
