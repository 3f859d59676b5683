-- "Qualifying Encounter during Day of Measurement Period": finished encounters to evaluate BMI, not virtual (class
-- ~ ActCode VR), whose period lies within the measurement period's days. evidence_date is the period's start.
SELECT person_id, 'Encounter/' || source_id AS evidence_id, lo AS evidence_date,
  'encounter to evaluate BMI' AS evidence_detail
FROM m_encounter
WHERE status = 'finished'
  AND array_contains(code_vs, '2.16.840.1.113883.3.600.1.1751') -- Encounter to Evaluate BMI
  AND NOT (coalesce(class_system, '') = 'http://terminology.hl7.org/CodeSystem/v3-ActCode'
           AND coalesce(class_code, '') = 'VR')
  AND to_date(lo) >= :period_start AND to_date(hi) <= :period_end
