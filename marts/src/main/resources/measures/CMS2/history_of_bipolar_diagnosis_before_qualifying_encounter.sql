-- "History of Bipolar Diagnosis Before Qualifying Encounter": a bipolar disorder problem-list item or health concern
-- whose prevalence starts before the start of a qualifying encounter.
SELECT DISTINCT c.person_id, 'Condition/' || c.source_id AS evidence_id, c.lo AS evidence_date,
  'bipolar disorder history' AS evidence_detail
FROM m_condition c
JOIN cms2_qualifying_encounter_during_measurement_period q ON q.person_id = c.person_id
WHERE array_contains(c.code_vs, '2.16.840.1.113883.3.67.1.101.1.128') -- Bipolar Disorder
  AND (array_contains(c.codings, 'category|http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item')
    OR array_contains(c.codings, 'category|http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern'))
  AND c.lo < q.lo
