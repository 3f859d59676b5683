-- "CT Colonography Performed": a performed CT colonography (diagnostic study) ending on a day from four years
-- before the start of the measurement period through its end.
SELECT person_id, 'Observation/' || source_id AS evidence_id, hi AS evidence_date, 'CT colonography' AS evidence_detail
FROM m_observation
WHERE is_final AND array_contains(code_vs, '2.16.840.1.113883.3.464.1003.108.12.1038') -- CT Colonography
  AND to_date(hi) BETWEEN add_months(:period_start, -48) AND :period_end
