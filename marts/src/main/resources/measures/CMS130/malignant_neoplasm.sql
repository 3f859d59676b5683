-- "Malignant Neoplasm": colorectal cancer whose prevalence starts on or before the last day of the measurement
-- period.
SELECT person_id, 'Condition/' || source_id AS evidence_id, lo AS evidence_date,
  'malignant neoplasm of colon' AS evidence_detail
FROM m_condition
WHERE array_contains(code_vs, '2.16.840.1.113883.3.464.1003.108.12.1001') -- Malignant Neoplasm of Colon
  AND to_date(lo) <= :period_end
