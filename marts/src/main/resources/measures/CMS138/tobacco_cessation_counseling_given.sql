-- "Tobacco Cessation Counseling Given": cessation counseling performed within the days from six months before the
-- measurement period to its end, or a tobacco abuse counseling condition whose prevalence starts in that window.
SELECT person_id, 'Procedure/' || source_id AS evidence_id, lo AS evidence_date,
  'tobacco cessation counseling' AS evidence_detail
FROM m_procedure
WHERE is_performed
  AND array_contains(code_vs, '2.16.840.1.113883.3.526.3.509') -- Tobacco Use Cessation Counseling
  AND to_date(lo) >= add_months(:period_start, -6) AND to_date(hi) <= :period_end
UNION ALL
SELECT person_id, 'Condition/' || source_id, lo, 'tobacco abuse counseling (Z71.6)'
FROM m_condition
WHERE array_contains(codings, 'code|http://hl7.org/fhir/sid/icd-10-cm|Z71.6') -- Tobacco abuse counseling
  AND to_date(lo) BETWEEN add_months(:period_start, -6) AND :period_end
