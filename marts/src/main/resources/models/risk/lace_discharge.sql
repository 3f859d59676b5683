-- gold.lace_discharge: the LACE readmission index (van Walraven et al., CMAJ 2010) for every inpatient discharge in
-- the period. L: length of stay in days (0, 1, 2, 3 -> 0..3 points; 4-6 -> 4; 7-13 -> 5; 14+ -> 7). A: acute
-- (emergent) admission -> 3: the encounter's priority is emergency/urgent, it was admitted from the emergency
-- department, or an emergency visit ended within 24 hours before it started. C: the person's Charlson index
-- (original weights, risk_charlson) as points (0..3 -> 0..3, 4+ -> 5). E: emergency visits in the 6 months before
-- admission, not counting the one that led to it (0..3 -> 0..3, 4+ -> 4).
WITH stays AS (
  SELECT person_id, source_id, period_start, period_end,
    datediff(to_date(period_end), to_date(period_start)) AS los_days, priority_code, admit_source_code
  FROM silver.encounter
  WHERE class_code IN ('IMP', 'ACUTE', 'NONAC') AND status = 'finished' AND period_end IS NOT NULL
    AND to_date(period_end) BETWEEN :period_start AND :period_end
), ed AS (
  SELECT person_id, source_id, period_start, coalesce(period_end, period_start) AS period_end
  FROM silver.encounter WHERE class_code = 'EMER'
), scored AS (
  SELECT s.*,
    EXISTS (SELECT 1 FROM ed WHERE ed.person_id = s.person_id AND ed.period_end <= s.period_start
              AND ed.period_end >= s.period_start - INTERVAL 24 HOURS) AS via_ed,
    (SELECT count(*) FROM ed WHERE ed.person_id = s.person_id AND ed.period_start < s.period_start
       AND ed.period_start >= s.period_start - INTERVAL 180 DAYS
       AND ed.period_end < s.period_start - INTERVAL 24 HOURS) AS ed_visits_6m,
    coalesce(ch.score, 0) AS charlson
  FROM stays s LEFT JOIN risk_charlson ch ON ch.person_id = s.person_id
)
SELECT person_id, source_id AS encounter_id, period_start AS admitted, period_end AS discharged, los_days,
  via_ed OR priority_code IN ('EM', 'UR') OR admit_source_code IN ('emd') AS acute, CAST(charlson AS INT) AS charlson,
  CAST(ed_visits_6m AS INT) AS ed_visits_6m,
  CASE WHEN los_days <= 3 THEN GREATEST(los_days, 0) WHEN los_days <= 6 THEN 4 WHEN los_days <= 13 THEN 5 ELSE 7 END
    AS l_points,
  IF(via_ed OR priority_code IN ('EM', 'UR') OR admit_source_code IN ('emd'), 3, 0) AS a_points,
  CASE WHEN charlson >= 4 THEN 5 ELSE CAST(charlson AS INT) END AS c_points,
  CAST(LEAST(ed_visits_6m, 4) AS INT) AS e_points
FROM scored
