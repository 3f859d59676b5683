-- "Ten Year CVD Risk is High": a 10-year cardiovascular risk (LOINC 99055-6 or the ACC-AHA pooled cohort 79423-0)
-- of at least 20 % whose effective time lies within the measurement period's days (the CQL sets no status filter).
SELECT person_id, 'Observation/' || source_id AS evidence_id, lo AS evidence_date,
  '10-year CVD risk ' || CAST(value_quantity AS STRING) || ' %' AS evidence_detail
FROM m_observation
WHERE (array_contains(codings, 'code|http://loinc.org|99055-6')
    OR array_contains(codings, 'code|http://loinc.org|79423-0'))
  AND value_quantity >= 20 AND coalesce(value_unit_code, value_unit) = '%' AND value_comparator IS NULL
  AND (value_unit_system IS NULL OR value_unit_system = 'http://unitsofmeasure.org')
  AND to_date(lo) >= :period_start AND to_date(hi) <= :period_end
