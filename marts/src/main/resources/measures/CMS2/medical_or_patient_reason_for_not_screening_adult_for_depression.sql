-- "Medical or Patient Reason for Not Screening Adult for Depression": a cancelled (not done) adult
-- depression screening assessment issued during a qualifying encounter, declined by the patient or for a medical
-- reason.
SELECT DISTINCT o.person_id, 'Observation/' || o.source_id AS evidence_id, o.issued AS evidence_date,
  'adult depression screening not done: ' || coalesce(o.not_done_reason_display, o.not_done_reason_code)
    AS evidence_detail
FROM m_observation o
JOIN cms2_qualifying_encounter_during_measurement_period q ON q.person_id = o.person_id
WHERE array_contains(o.codings, 'code|http://loinc.org|73832-8') -- Adult depression screening assessment
  AND o.status = 'cancelled'
  AND o.issued >= q.lo AND o.issued <= q.hi
  AND (array_contains(o.codings, 'not_done_reason|http://snomed.info/sct|720834000') -- Depression screening declined
    OR array_contains(o.element_vs, 'not_done_reason|2.16.840.1.113883.3.526.3.1007')) -- Medical Reason
