-- "Active Pharmacotherapy for Tobacco Cessation": an active cessation medication order whose medicationRequestPeriod
-- lies within the days from six months before the measurement period to its end.
SELECT person_id, 'MedicationRequest/' || source_id AS evidence_id, lo AS evidence_date,
  'taking tobacco cessation medication' AS evidence_detail
FROM m_medication_request
WHERE is_active
  AND array_contains(code_vs, '2.16.840.1.113883.3.526.3.1190') -- Tobacco Use Cessation Pharmacotherapy
  AND to_date(lo) >= add_months(:period_start, -6) AND to_date(hi) <= :period_end
