-- "BMI during Measurement Period": ["observation-bmi"] (the vital signs BMI profile: category vital-signs and code
-- 39156-5; a BMI recorded under another category is not one), final, amended or corrected, with a value above
-- 0 kg/m2 (FHIRHelpers ToQuantity: unit = code, else unit), effective within the measurement period's days.
SELECT person_id, 'Observation/' || source_id AS evidence_id, lo AS evidence_date,
  'BMI ' || CAST(CAST(value_quantity AS DOUBLE) AS STRING) || ' kg/m2' AS evidence_detail,
  value_quantity AS bmi
FROM m_observation
WHERE array_contains(categories, 'vital-signs')
  AND array_contains(codings, 'code|http://loinc.org|39156-5') -- Body mass index (BMI) [Ratio]
  AND is_final
  AND value_comparator IS NULL AND (value_unit_system IS NULL OR value_unit_system = 'http://unitsofmeasure.org')
  AND coalesce(value_unit_code, value_unit, '1') = 'kg/m2' AND value_quantity > 0
  AND to_date(lo) >= :period_start AND to_date(hi) <= :period_end
