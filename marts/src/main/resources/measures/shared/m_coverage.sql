-- Coverages (the SDE payer and coverage-based criteria): value sets of the type and the period as an interval.
WITH vs AS (
  SELECT source_system, source_id,
    transform(filter(element_vs, x -> startswith(x, 'type|')), x -> substr(x, 6)) AS code_vs,
    element_vs
  FROM m_coded WHERE resource_type = 'Coverage'
)
SELECT c.*,
  coalesce(vs.code_vs, array()) AS code_vs,
  coalesce(vs.element_vs, array()) AS element_vs,
  c.period_start AS lo,
  IF(c.period_start IS NULL AND c.period_end IS NULL, NULL,
     coalesce(c.period_end, TIMESTAMP'9999-12-31 23:59:59.999')) AS hi
FROM silver.coverage c
LEFT JOIN vs ON vs.source_system = c.source_system AND vs.source_id = c.source_id
