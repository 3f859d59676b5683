-- AdvancedIllnessandFrailty."Is Age 66 or Older Living Long Term in a Nursing Home", without the age test (the
-- measures add it): the last housing-status assessment ending on or before the end of the measurement period says
-- the person lives in a nursing home.
WITH last_status AS (
  SELECT person_id, max_by(struct(source_id, hi, codings), hi) AS last
  FROM m_observation
  WHERE is_assessment_performed AND array_contains(codings, 'code|http://loinc.org|71802-3') -- Housing status
    AND to_date(hi) <= :period_end
  GROUP BY person_id
)
SELECT person_id, 'Observation/' || last.source_id AS evidence_id, last.hi AS evidence_date,
  'lives in a nursing home' AS evidence_detail
FROM last_status
WHERE array_contains(last.codings, 'value|http://snomed.info/sct|160734000') -- Lives in a nursing home (finding)
