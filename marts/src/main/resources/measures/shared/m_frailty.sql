-- AdvancedIllnessandFrailty."Has Criteria Indicating Frailty": one row per piece of evidence.
SELECT person_id, 'DeviceRequest/' || source_id AS evidence_id, lo AS evidence_date,
  'frailty device ordered' AS evidence_detail
FROM m_device_request
WHERE is_order AND array_contains(code_vs, '2.16.840.1.113883.3.464.1003.118.12.1300') -- Frailty Device
  AND do_not_perform IS NOT TRUE
  AND to_date(lo) >= :period_start AND to_date(hi) <= :period_end
UNION ALL
SELECT person_id, 'Observation/' || source_id, hi, 'frailty device in use'
FROM m_observation
WHERE is_assessment_performed AND array_contains(codings, 'code|http://loinc.org|98181-1') -- Medical equipment used
  AND array_contains(value_vs, '2.16.840.1.113883.3.464.1003.118.12.1300') -- Frailty Device
  AND to_date(hi) BETWEEN :period_start AND :period_end
UNION ALL
SELECT person_id, 'Condition/' || source_id, lo, 'frailty diagnosis'
FROM m_condition
WHERE array_contains(code_vs, '2.16.840.1.113883.3.464.1003.113.12.1074') -- Frailty Diagnosis
  AND to_date(lo) <= :period_end AND to_date(hi) >= :period_start
UNION ALL
SELECT person_id, 'Encounter/' || source_id, lo, 'frailty encounter'
FROM m_encounter
WHERE is_performed AND array_contains(code_vs, '2.16.840.1.113883.3.464.1003.101.12.1088') -- Frailty Encounter
  AND to_date(lo) <= :period_end AND to_date(hi) >= :period_start
UNION ALL
SELECT person_id, 'Observation/' || source_id, lo, 'frailty symptom'
FROM m_observation
WHERE is_symptom AND array_contains(code_vs, '2.16.840.1.113883.3.464.1003.113.12.1075') -- Frailty Symptom
  AND to_date(lo) <= :period_end AND to_date(hi) >= :period_start
