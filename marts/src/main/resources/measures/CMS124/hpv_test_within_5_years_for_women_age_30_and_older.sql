-- "HPV Test Within 5 Years for Women Age 30 and Older": a performed HPV laboratory test with a result (value of any
-- type) whose latest time falls on a day from four years before the start of the measurement period through its
-- end, taken when the patient was at least 30 (AgeInYearsAt the date of that latest time).
SELECT o.person_id, 'Observation/' || o.source_id AS evidence_id, o.latest AS evidence_date,
  'HPV test' AS evidence_detail
FROM m_observation o JOIN m_patient p ON p.person_id = o.person_id
WHERE o.is_laboratory_test_performed
  AND array_contains(o.code_vs, '2.16.840.1.113883.3.464.1003.110.12.1059') -- HPV Test
  AND year(o.latest) - year(p.birth_date)
    - IF(month(o.latest) * 100 + day(o.latest) < month(p.birth_date) * 100 + day(p.birth_date), 1, 0) >= 30
  AND to_date(o.latest) BETWEEN add_months(:period_start, -48) AND :period_end
  AND (o.value_quantity IS NOT NULL OR o.value_code IS NOT NULL OR o.value_code_text IS NOT NULL -- value is not null
    OR o.value_string IS NOT NULL OR o.value_boolean IS NOT NULL OR o.value_integer IS NOT NULL
    OR o.value_datetime IS NOT NULL OR o.value_time IS NOT NULL OR o.value_period_start IS NOT NULL
    OR o.value_period_end IS NOT NULL OR o.value_range_low IS NOT NULL OR o.value_range_high IS NOT NULL
    OR o.value_ratio_numerator IS NOT NULL OR o.value_ratio_denominator IS NOT NULL)
