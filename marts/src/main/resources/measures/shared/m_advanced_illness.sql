-- AdvancedIllnessandFrailty: "Has Advanced Illness in Year Before or During Measurement Period" (a diagnosis whose
-- prevalence starts in that window) or "Has Dementia Medications in Year Before or During Measurement Period" (an
-- active order whose medicationRequestPeriod overlaps it). One row per piece of evidence.
SELECT person_id, 'Condition/' || source_id AS evidence_id, lo AS evidence_date,
  'advanced illness diagnosis' AS evidence_detail
FROM m_condition
WHERE array_contains(code_vs, '2.16.840.1.113883.3.464.1003.110.12.1082') -- Advanced Illness
  AND to_date(lo) BETWEEN add_months(:period_start, -12) AND :period_end
UNION ALL
SELECT person_id, 'MedicationRequest/' || source_id, lo, 'dementia medication'
FROM m_medication_request
-- The retrieve [MedicationRequest: medication in ...] matches the request's own medication code, not a referenced
-- Medication's (CQLIT-412; the CMS165 test case DementiaMedAsReferenceCQLIT412 expects no exclusion).
WHERE is_active
  AND array_contains(element_vs, 'medication|2.16.840.1.113883.3.464.1003.196.12.1510') -- Dementia Medications
  AND to_date(lo) <= :period_end AND to_date(hi) >= add_months(:period_start, -12)
