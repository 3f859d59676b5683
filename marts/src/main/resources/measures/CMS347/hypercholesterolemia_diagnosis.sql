-- "Hypercholesterolemia Diagnosis": a familial hypercholesterolemia problem-list item or health concern whose
-- prevalence starts on or before the last day of the measurement period.
SELECT person_id, 'Condition/' || source_id AS evidence_id, lo AS evidence_date,
  'familial hypercholesterolemia' AS evidence_detail
FROM m_condition
WHERE array_contains(code_vs, '2.16.840.1.113762.1.4.1047.100') -- Familial Hypercholesterolemia
  AND (array_contains(codings, 'category|http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item')
    OR array_contains(codings, 'category|http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern'))
  AND to_date(lo) <= :period_end
