-- "Has Diabetes Diagnosis": a diabetes problem-list item or health concern whose prevalence overlaps the measurement
-- period's days.
SELECT person_id, 'Condition/' || source_id AS evidence_id, lo AS evidence_date, 'diabetes' AS evidence_detail
FROM m_condition
WHERE array_contains(code_vs, '2.16.840.1.113883.3.464.1003.103.12.1001') -- Diabetes
  AND (array_contains(codings, 'category|http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item')
    OR array_contains(codings, 'category|http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern'))
  AND to_date(lo) <= :period_end AND to_date(hi) >= :period_start
