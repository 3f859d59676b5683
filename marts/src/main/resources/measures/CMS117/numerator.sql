-- "Numerator": every antigen's series is complete (or a condition stands in for it) by the second birthday.
SELECT person_id, CAST(NULL AS STRING) AS evidence_id, CAST(NULL AS TIMESTAMP) AS evidence_date,
  IF(gaps = '', 'all childhood vaccination series complete',
     'childhood vaccination series complete (' || gaps || ')') AS evidence_detail
FROM cms117_antigen_requirements
WHERE dtap AND polio AND mmr AND hib AND hep_b AND vzv AND pcv AND hep_a AND rotavirus AND influenza
