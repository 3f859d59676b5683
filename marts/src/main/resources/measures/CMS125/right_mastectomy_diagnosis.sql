-- "Right Mastectomy Diagnosis": status post right mastectomy, or a unilateral mastectomy of unspecified laterality
-- whose body site is the right side, with a prevalence starting on or before the end of the measurement period.
SELECT person_id, 'Condition/' || source_id AS evidence_id, lo AS evidence_date,
  'right mastectomy diagnosis' AS evidence_detail
FROM m_condition
WHERE (array_contains(code_vs, '2.16.840.1.113883.3.464.1003.198.12.1070') -- Status Post Right Mastectomy
    OR (array_contains(code_vs, '2.16.840.1.113883.3.464.1003.198.12.1071') -- Unilateral Mastectomy, Unspecified
        AND array_contains(codings, 'body_site|http://snomed.info/sct|24028007'))) -- Right (qualifier value)
  AND to_date(lo) <= :period_end
