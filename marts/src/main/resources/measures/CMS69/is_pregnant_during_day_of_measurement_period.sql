-- "Is Pregnant during Day of Measurement Period": an active pregnancy or related diagnosis whose prevalence overlaps
-- the measurement period's days, for a patient with a qualifying encounter (the `with` does not relate the two).
SELECT c.person_id, 'Condition/' || c.source_id AS evidence_id, c.lo AS evidence_date,
  'pregnancy or related diagnosis' AS evidence_detail
FROM m_condition c
WHERE array_contains(c.code_vs, '2.16.840.1.113883.3.600.1.1623') -- Pregnancy or Other Related Diagnoses
  AND c.clinical_status = 'active'
  AND to_date(c.lo) <= :period_end AND to_date(c.hi) >= :period_start
  AND EXISTS (SELECT 1 FROM cms69_qualifying_encounter_during_day_of_measurement_period q
              WHERE q.person_id = c.person_id)
