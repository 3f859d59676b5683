-- Hospice."Has Hospice Services": one row per piece of evidence.
SELECT person_id, 'Encounter/' || source_id AS evidence_id, hi AS evidence_date,
  'inpatient discharge to hospice' AS evidence_detail
FROM m_encounter
WHERE is_performed AND array_contains(code_vs, '2.16.840.1.113883.3.666.5.307') -- Encounter Inpatient
  AND (array_contains(codings, 'discharge_disposition|http://snomed.info/sct|428361000124107')
    OR array_contains(codings, 'discharge_disposition|http://snomed.info/sct|428371000124100'))
  AND to_date(hi) BETWEEN :period_start AND :period_end
UNION ALL
SELECT person_id, 'Encounter/' || source_id, lo, 'hospice encounter'
FROM m_encounter
WHERE is_performed AND array_contains(code_vs, '2.16.840.1.113883.3.464.1003.1003') -- Hospice Encounter
  AND to_date(lo) <= :period_end AND to_date(hi) >= :period_start
UNION ALL
SELECT person_id, 'Observation/' || source_id, lo, 'hospice care assessment: yes'
FROM m_observation
WHERE is_assessment_performed
  AND array_contains(codings, 'code|http://loinc.org|45755-6')          -- Hospice care [Minimum Data Set]
  AND array_contains(codings, 'value|http://snomed.info/sct|373066001') -- Yes (qualifier value)
  AND to_date(lo) <= :period_end AND to_date(hi) >= :period_start
UNION ALL
SELECT person_id, 'ServiceRequest/' || source_id, lo, 'hospice care order'
FROM m_service_request
WHERE is_order AND array_contains(code_vs, '2.16.840.1.113883.3.526.3.1584') -- Hospice Care Ambulatory
  AND to_date(lo) >= :period_start AND to_date(hi) <= :period_end
UNION ALL
SELECT person_id, 'Procedure/' || source_id, lo, 'hospice care performed'
FROM m_procedure
WHERE is_performed AND array_contains(code_vs, '2.16.840.1.113883.3.526.3.1584') -- Hospice Care Ambulatory
  AND to_date(lo) <= :period_end AND to_date(hi) >= :period_start
UNION ALL
SELECT person_id, 'Condition/' || source_id, lo, 'hospice diagnosis'
FROM m_condition
WHERE array_contains(code_vs, '2.16.840.1.113883.3.464.1003.1165') -- Hospice Diagnosis
  AND to_date(lo) <= :period_end AND to_date(hi) >= :period_start
