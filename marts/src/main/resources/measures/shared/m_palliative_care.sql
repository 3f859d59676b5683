-- PalliativeCare."Has Palliative Care in the Measurement Period": one row per piece of evidence.
SELECT person_id, 'Observation/' || source_id AS evidence_id, lo AS evidence_date,
  'palliative care assessment (FACIT-Pal)' AS evidence_detail
FROM m_observation
WHERE is_assessment_performed AND array_contains(codings, 'code|http://loinc.org|71007-9')
  AND to_date(lo) <= :period_end AND to_date(hi) >= :period_start
UNION ALL
SELECT person_id, 'Condition/' || source_id, lo, 'palliative care diagnosis'
FROM m_condition
WHERE array_contains(code_vs, '2.16.840.1.113883.3.464.1003.1167') -- Palliative Care Diagnosis
  AND to_date(lo) <= :period_end AND to_date(hi) >= :period_start
UNION ALL
SELECT person_id, 'Encounter/' || source_id, lo, 'palliative care encounter'
FROM m_encounter
WHERE is_performed AND array_contains(code_vs, '2.16.840.1.113883.3.464.1003.101.12.1090') -- Palliative Care Encounter
  AND to_date(lo) <= :period_end AND to_date(hi) >= :period_start
UNION ALL
SELECT person_id, 'Procedure/' || source_id, lo, 'palliative care intervention'
FROM m_procedure
WHERE is_performed
  AND array_contains(code_vs, '2.16.840.1.113883.3.464.1003.198.12.1135') -- Palliative Care Intervention
  AND to_date(lo) <= :period_end AND to_date(hi) >= :period_start
