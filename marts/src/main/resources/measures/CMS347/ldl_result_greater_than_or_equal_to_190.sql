-- "LDL Result Greater Than or Equal To 190": a final, amended, corrected or appended LDL cholesterol result of at
-- least 190 mg/dL whose effective time starts on or before the last day of the measurement period. The unit is
-- FHIRHelpers' (code, else unit); a value with a comparator is no Quantity.
SELECT person_id, 'Observation/' || source_id AS evidence_id, lo AS evidence_date,
  'LDL ' || CAST(value_quantity AS STRING) || ' mg/dL' AS evidence_detail
FROM m_observation
WHERE array_contains(code_vs, '2.16.840.1.113883.3.526.3.1573') -- LDL Cholesterol
  AND value_quantity >= 190 AND coalesce(value_unit_code, value_unit) = 'mg/dL' AND value_comparator IS NULL
  AND (value_unit_system IS NULL OR value_unit_system = 'http://unitsofmeasure.org')
  AND to_date(lo) <= :period_end
  AND status IN ('final', 'amended', 'corrected', 'appended')
