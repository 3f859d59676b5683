-- "Low BMI Interventions Performed": follow-up procedures for below normal BMI, completed with an underweight
-- reason, or performed within the measurement period's days for a patient with an active underweight health
-- concern whose prevalence starts on or before the day performed and does not end before it.
SELECT p.person_id, 'Procedure/' || p.source_id AS evidence_id, p.lo AS evidence_date,
  'low BMI follow-up performed' AS evidence_detail
FROM m_procedure p
WHERE array_contains(p.code_vs, '2.16.840.1.113883.3.600.1.1528') -- Follow Up for Below Normal BMI
  AND ((array_contains(p.element_vs, 'reason_code|2.16.840.1.113883.3.526.3.1563') -- Underweight
        AND p.status = 'completed')
    OR EXISTS (
      SELECT 1 FROM m_condition c
      WHERE c.person_id = p.person_id
        AND array_contains(c.code_vs, '2.16.840.1.113883.3.526.3.1563') -- Underweight
        AND array_contains(c.codings,
          'category|http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern')
        AND c.clinical_status IN ('active', 'recurrence', 'relapse')
        AND to_date(c.lo) <= to_date(p.lo)
        AND to_date(p.lo) >= :period_start AND to_date(p.hi) <= :period_end
        AND NOT (to_date(c.hi) < to_date(p.lo))))
