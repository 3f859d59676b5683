-- Procedures (CQL [Procedure: ...]) with performed.toInterval() as (lo, hi), latest()/earliest(), and
-- Status.isProcedurePerformed / isInterventionPerformed (status completed).
WITH vs AS (
  SELECT source_system, source_id,
    transform(filter(element_vs, x -> startswith(x, 'code|')), x -> substr(x, 6)) AS code_vs,
    element_vs
  FROM m_coded WHERE resource_type = 'Procedure'
), codings AS (
  SELECT source_system, source_id, codings FROM m_direct_coded WHERE resource_type = 'Procedure'
), timed AS (
  SELECT p.*,
    coalesce(p.performed_datetime, p.performed_period_start) AS lo,
    CASE
      WHEN p.performed_datetime IS NOT NULL THEN p.performed_datetime
      WHEN p.performed_period_start IS NOT NULL OR p.performed_period_end IS NOT NULL
        THEN coalesce(p.performed_period_end, TIMESTAMP'9999-12-31 23:59:59.999')
    END AS hi
  FROM silver.procedure p
)
SELECT t.*,
  coalesce(vs.code_vs, array()) AS code_vs,
  coalesce(vs.element_vs, array()) AS element_vs,
  coalesce(codings.codings, array()) AS codings,
  IF(t.hi IS NOT NULL AND t.hi <> TIMESTAMP'9999-12-31 23:59:59.999', t.hi, t.lo) AS latest,
  IF(t.lo IS NOT NULL, t.lo, t.hi) AS earliest,
  t.status = 'completed' AS is_performed
FROM timed t
LEFT JOIN vs ON vs.source_system = t.source_system AND vs.source_id = t.source_id
LEFT JOIN codings ON codings.source_system = t.source_system AND codings.source_id = t.source_id
