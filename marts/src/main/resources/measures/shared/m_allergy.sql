-- Allergies and intolerances (CQL [AllergyIntolerance: ...]): the value sets of the code (code_vs) and its codings,
-- onset.toInterval() as (lo, hi) (a dateTime is a point; a Period is [start, end] with a missing end unbounded and
-- a missing start unknown; an Age or a Range of ages counts from the birth date, to the year after its high bound),
-- and whether the clinical status is active (~ QICoreCommon."allergy-active").
WITH vs AS (
  SELECT source_system, source_id,
    transform(filter(element_vs, x -> startswith(x, 'code|')), x -> substr(x, 6)) AS code_vs,
    element_vs
  FROM m_coded WHERE resource_type = 'AllergyIntolerance'
), codings AS (
  SELECT source_system, source_id, codings FROM m_direct_coded WHERE resource_type = 'AllergyIntolerance'
), timed AS (
  SELECT a.*,
    CASE
      WHEN a.onset_datetime IS NOT NULL THEN a.onset_datetime
      WHEN a.onset_period_start IS NOT NULL THEN a.onset_period_start
      WHEN a.onset_age IS NOT NULL THEN CAST(add_months(p.birth_date, CAST(a.onset_age * 12 AS INT)) AS TIMESTAMP)
      WHEN a.onset_range_low IS NOT NULL
        THEN CAST(add_months(p.birth_date, CAST(a.onset_range_low * 12 AS INT)) AS TIMESTAMP)
    END AS lo,
    CASE
      WHEN a.onset_datetime IS NOT NULL THEN a.onset_datetime
      WHEN a.onset_period_start IS NOT NULL OR a.onset_period_end IS NOT NULL
        THEN coalesce(a.onset_period_end, TIMESTAMP'9999-12-31 23:59:59.999')
      WHEN a.onset_age IS NOT NULL
        THEN CAST(add_months(p.birth_date, CAST(a.onset_age * 12 AS INT) + 12) AS TIMESTAMP) - INTERVAL 1 MILLISECOND
      WHEN a.onset_range_high IS NOT NULL
        THEN CAST(add_months(p.birth_date, CAST(a.onset_range_high * 12 AS INT) + 12) AS TIMESTAMP)
             - INTERVAL 1 MILLISECOND
    END AS hi
  FROM silver.allergy a LEFT JOIN m_patient p ON p.person_id = a.person_id
)
SELECT t.*,
  coalesce(vs.code_vs, array()) AS code_vs,
  coalesce(vs.element_vs, array()) AS element_vs,
  coalesce(codings.codings, array()) AS codings,
  t.clinical_status = 'active' AS is_active
FROM timed t
LEFT JOIN vs ON vs.source_system = t.source_system AND vs.source_id = t.source_id
LEFT JOIN codings ON codings.source_system = t.source_system AND codings.source_id = t.source_id
