-- "Denominator Exclusions": a breastfeeding or rhabdomyolysis problem-list item or health concern whose prevalence
-- overlaps the measurement period's days.
SELECT person_id, 'Condition/' || source_id AS evidence_id, lo AS evidence_date,
  IF(array_contains(code_vs, '2.16.840.1.113762.1.4.1047.73'), 'breastfeeding', 'rhabdomyolysis') AS evidence_detail
FROM m_condition
WHERE arrays_overlap(code_vs, array(
    '2.16.840.1.113762.1.4.1047.73',    -- Breastfeeding
    '2.16.840.1.113762.1.4.1047.102'))  -- Rhabdomyolysis
  AND (array_contains(codings, 'category|http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item')
    OR array_contains(codings, 'category|http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern'))
  AND to_date(lo) <= :period_end AND to_date(hi) >= :period_start
