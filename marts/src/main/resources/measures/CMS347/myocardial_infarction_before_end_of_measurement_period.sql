-- "Myocardial Infarction before End of Measurement Period": a subsequent NSTEMI (ICD-10-CM I22.2) problem-list item or
-- health concern whose prevalence starts on or before the last day of the measurement period.
SELECT person_id, 'Condition/' || source_id AS evidence_id, lo AS evidence_date,
  'subsequent NSTEMI' AS evidence_detail
FROM m_condition
WHERE array_contains(codings, 'code|http://hl7.org/fhir/sid/icd-10-cm|I22.2')
  AND (array_contains(codings, 'category|http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item')
    OR array_contains(codings, 'category|http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern'))
  AND to_date(lo) <= :period_end
