-- "Fecal Occult Blood Test Performed": a performed FOBT laboratory test with a result (value of any type) whose
-- latest time falls on a day of the measurement period.
SELECT person_id, 'Observation/' || source_id AS evidence_id, latest AS evidence_date, 'FOBT' AS evidence_detail
FROM m_observation
WHERE is_laboratory_test_performed
  AND array_contains(code_vs, '2.16.840.1.113883.3.464.1003.198.12.1011') -- Fecal Occult Blood Test (FOBT)
  AND (value_quantity IS NOT NULL OR value_code IS NOT NULL OR value_code_text IS NOT NULL -- value is not null
    OR value_string IS NOT NULL OR value_boolean IS NOT NULL OR value_integer IS NOT NULL OR value_datetime IS NOT NULL
    OR value_time IS NOT NULL OR value_period_start IS NOT NULL OR value_period_end IS NOT NULL
    OR value_range_low IS NOT NULL OR value_range_high IS NOT NULL OR value_ratio_numerator IS NOT NULL
    OR value_ratio_denominator IS NOT NULL)
  AND to_date(latest) BETWEEN :period_start AND :period_end
