-- "Pregnancy or Renal Diagnosis": pregnancy, end stage renal disease, kidney transplant recipient or chronic kidney
-- disease stage 5 whose prevalence overlaps the measurement period.
SELECT person_id, 'Condition/' || source_id AS evidence_id, lo AS evidence_date,
  'pregnancy or renal diagnosis' AS evidence_detail
FROM m_condition
WHERE arrays_overlap(code_vs, array(
    '2.16.840.1.113883.3.526.3.378',               -- Pregnancy
    '2.16.840.1.113883.3.526.3.353',               -- End Stage Renal Disease
    '2.16.840.1.113883.3.464.1003.109.12.1029',    -- Kidney Transplant Recipient
    '2.16.840.1.113883.3.526.3.1002'))             -- Chronic Kidney Disease, Stage 5
  AND to_date(lo) <= :period_end AND to_date(hi) >= :period_start
