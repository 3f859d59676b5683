-- "Tobacco Cessation Pharmacotherapy Ordered": a cessation medication order authored within the days from six
-- months before the measurement period to its end.
SELECT person_id, 'MedicationRequest/' || source_id AS evidence_id, authored_on AS evidence_date,
  'tobacco cessation medication ordered' AS evidence_detail
FROM m_medication_request
WHERE is_order
  AND array_contains(code_vs, '2.16.840.1.113883.3.526.3.1190') -- Tobacco Use Cessation Pharmacotherapy
  AND to_date(authored_on) BETWEEN add_months(:period_start, -6) AND :period_end
