-- Conditions (CQL [Condition: ...]) with QICoreCommon's prevalenceInterval() as (lo, hi): from the start of the
-- onset (an onset Age counts from the birth date; no onset: open start) to the end of the abatement; an active,
-- recurring or relapsed condition without abatement is open-ended (hi = the maximum), any other without abatement
-- has an unknown end (hi NULL, so it overlaps nothing). A Period or Age abatement is half-open, so its end is the
-- instant before its high bound.
WITH vs AS (
  SELECT source_system, source_id,
    transform(filter(element_vs, x -> startswith(x, 'code|')), x -> substr(x, 6)) AS code_vs,
    element_vs
  FROM m_coded WHERE resource_type = 'Condition'
), codings AS (
  SELECT source_system, source_id, codings FROM m_direct_coded WHERE resource_type = 'Condition'
), timed AS (
  SELECT c.*,
    CASE
      WHEN c.onset_datetime IS NOT NULL THEN c.onset_datetime
      WHEN c.onset_period_start IS NOT NULL THEN c.onset_period_start
      WHEN c.onset_age IS NOT NULL THEN CAST(add_months(p.birth_date, CAST(c.onset_age * 12 AS INT)) AS TIMESTAMP)
      WHEN c.onset_range_low IS NOT NULL
        THEN CAST(add_months(p.birth_date, CAST(c.onset_range_low * 12 AS INT)) AS TIMESTAMP)
      ELSE TIMESTAMP'0001-01-01 00:00:00'
    END AS lo,
    CASE
      WHEN c.abatement_datetime IS NOT NULL THEN c.abatement_datetime
      WHEN c.abatement_age IS NOT NULL
        THEN CAST(add_months(p.birth_date, CAST(c.abatement_age * 12 AS INT) + 12) AS TIMESTAMP) - INTERVAL 1 MILLISECOND
      WHEN c.abatement_range_high IS NOT NULL
        THEN CAST(add_months(p.birth_date, CAST(c.abatement_range_high * 12 AS INT) + 12) AS TIMESTAMP)
             - INTERVAL 1 MILLISECOND
      WHEN c.abatement_period_end IS NOT NULL THEN c.abatement_period_end - INTERVAL 1 MILLISECOND
    END AS abatement_end
  FROM silver.condition c LEFT JOIN m_patient p ON p.person_id = c.person_id
)
SELECT t.*,
  coalesce(vs.code_vs, array()) AS code_vs,
  coalesce(vs.element_vs, array()) AS element_vs,
  coalesce(codings.codings, array()) AS codings,
  IF(t.clinical_status IN ('active', 'recurrence', 'relapse'),
     coalesce(t.abatement_end, TIMESTAMP'9999-12-31 23:59:59.999'), t.abatement_end) AS hi
FROM timed t
LEFT JOIN vs ON vs.source_system = t.source_system AND vs.source_id = t.source_id
LEFT JOIN codings ON codings.source_system = t.source_system AND codings.source_id = t.source_id
