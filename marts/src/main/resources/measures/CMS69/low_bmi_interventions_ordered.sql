-- "Low BMI Interventions Ordered": follow-up or referral service requests and medication requests for below normal
-- BMI (positive requests; a medication coded on the request itself), with an underweight reason, or ordered within
-- the measurement period's days for a patient with an active underweight health concern starting on or before the
-- day ordered. evidence_date is authoredOn.
WITH orders AS (
  SELECT person_id, 'ServiceRequest/' || source_id AS evidence_id, authored_on, element_vs
  FROM m_service_request
  WHERE do_not_perform IS NOT TRUE
    AND arrays_overlap(code_vs, array(
      '2.16.840.1.113883.3.600.1.1528',   -- Follow Up for Below Normal BMI
      '2.16.840.1.113883.3.600.1.1527'))  -- Referrals Where Weight Assessment May Occur
  UNION ALL
  SELECT person_id, 'MedicationRequest/' || source_id, authored_on, element_vs
  FROM m_medication_request
  WHERE do_not_perform IS NOT TRUE
    AND array_contains(element_vs, 'medication|2.16.840.1.113883.3.526.3.1562') -- Medications for Below Normal BMI
)
SELECT o.person_id, o.evidence_id, o.authored_on AS evidence_date, 'low BMI follow-up ordered' AS evidence_detail
FROM orders o
WHERE array_contains(o.element_vs, 'reason_code|2.16.840.1.113883.3.526.3.1563') -- Underweight
  OR EXISTS (
    SELECT 1 FROM m_condition c
    WHERE c.person_id = o.person_id
      AND array_contains(c.code_vs, '2.16.840.1.113883.3.526.3.1563') -- Underweight
      AND array_contains(c.codings,
        'category|http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern')
      AND c.clinical_status IN ('active', 'recurrence', 'relapse')
      AND to_date(c.lo) <= to_date(o.authored_on)
      AND to_date(o.authored_on) BETWEEN :period_start AND :period_end)
