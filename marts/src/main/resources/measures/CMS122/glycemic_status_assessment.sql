-- "Glycemic Status Assessment": performed HbA1c or glucose management indicator laboratory tests whose latest time
-- falls on a day of the measurement period.
SELECT person_id, 'Observation/' || source_id AS evidence_id, latest AS evidence_date,
  'glycemic status ' || coalesce(CAST(value_quantity AS STRING) || ' ' || coalesce(value_unit_code, value_unit, ''),
                                 'without result') AS evidence_detail,
  source_id, latest, value_quantity, value_unit_code
FROM m_observation
WHERE is_laboratory_test_performed
  AND (array_contains(code_vs, '2.16.840.1.113883.3.464.1003.198.12.1013') -- HbA1c Laboratory Test
    OR array_contains(codings, 'code|http://loinc.org|97506-0'))           -- Glucose management indicator
  AND to_date(latest) BETWEEN :period_start AND :period_end
