-- "High BMI Interventions Performed": follow-up procedures for above normal BMI (any status, as the CQL reads them)
-- with an overweight/obese reason, or for a patient with an overweight/obese diagnosis whose prevalence starts on
-- or before the day performed and does not end before it. evidence_date is the start of performed.
SELECT p.person_id, 'Procedure/' || p.source_id AS evidence_id, p.lo AS evidence_date,
  'high BMI follow-up performed' AS evidence_detail
FROM m_procedure p
WHERE array_contains(p.code_vs, '2.16.840.1.113883.3.600.1.1525') -- Follow Up for Above Normal BMI
  AND (array_contains(p.element_vs, 'reason_code|2.16.840.1.113762.1.4.1047.502') -- Overweight or Obese
    OR EXISTS (
      SELECT 1 FROM m_condition c
      WHERE c.person_id = p.person_id
        AND array_contains(c.code_vs, '2.16.840.1.113762.1.4.1047.502') -- Overweight or Obese
        AND to_date(c.lo) <= to_date(p.lo)
        AND NOT (to_date(c.hi) < to_date(p.lo))))
