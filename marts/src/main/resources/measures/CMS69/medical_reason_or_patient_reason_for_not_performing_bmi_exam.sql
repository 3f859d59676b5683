-- "Medical Reason or Patient Reason for Not Performing BMI Exam": a BMI not done (ObservationNotDone: status
-- cancelled) for a patient-declined or medical reason, ending the same day a qualifying encounter starts.
SELECT o.person_id, 'Observation/' || o.source_id AS evidence_id, o.hi AS evidence_date,
  'BMI not done: patient declined or medical reason' AS evidence_detail
FROM m_observation o
WHERE array_contains(o.codings, 'code|http://loinc.org|39156-5') -- Body mass index (BMI) [Ratio]
  AND o.status = 'cancelled'
  AND (array_contains(o.element_vs, 'not_done_reason|2.16.840.1.113883.3.526.3.1582')  -- Patient Declined
    OR array_contains(o.element_vs, 'not_done_reason|2.16.840.1.113883.3.526.3.1007')) -- Medical Reason
  AND EXISTS (SELECT 1 FROM cms69_qualifying_encounter_during_day_of_measurement_period q
              WHERE q.person_id = o.person_id AND to_date(q.evidence_date) = to_date(o.hi))
