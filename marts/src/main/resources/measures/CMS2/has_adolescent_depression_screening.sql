-- "Has Adolescent Depression Screening": final adolescent depression screening assessments (LOINC 73831-0) with a
-- value, ending 14 days or less on or before the day a qualifying encounter starts. One row per screening (the CQL
-- tests that the list exists; "Most Recent Adolescent Depression Screening" takes its last).
SELECT DISTINCT o.person_id, 'Observation/' || o.source_id AS evidence_id, o.lo AS evidence_date,
  'adolescent depression screening' AS evidence_detail, o.source_id, o.lo, o.codings
FROM m_observation o
JOIN cms2_qualifying_encounter_during_measurement_period q ON q.person_id = o.person_id
WHERE array_contains(o.codings, 'code|http://loinc.org|73831-0') -- Adolescent depression screening assessment
  AND o.status = 'final'
  AND coalesce(o.value_code, o.value_code_text, CAST(o.value_quantity AS STRING), o.value_string,
               CAST(o.value_boolean AS STRING), CAST(o.value_integer AS STRING), CAST(o.value_datetime AS STRING),
               o.value_time, CAST(o.value_period_start AS STRING), CAST(o.value_period_end AS STRING),
               CAST(o.value_range_low AS STRING), CAST(o.value_range_high AS STRING),
               CAST(o.value_ratio_numerator AS STRING)) IS NOT NULL
  AND to_date(o.hi) BETWEEN date_sub(to_date(q.lo), 14) AND to_date(q.lo)
