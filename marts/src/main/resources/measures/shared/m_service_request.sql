-- Service requests (CQL [ServiceRequest: ...]): value sets of the code, authoredOn as a point interval, and
-- Status.isInterventionOrder / isLaboratoryTestOrder / isDiagnosticStudyOrder (active or completed order).
WITH vs AS (
  SELECT source_system, source_id,
    transform(filter(element_vs, x -> startswith(x, 'code|')), x -> substr(x, 6)) AS code_vs,
    element_vs
  FROM m_coded WHERE resource_type = 'ServiceRequest'
), codings AS (
  SELECT source_system, source_id, codings FROM m_direct_coded WHERE resource_type = 'ServiceRequest'
)
SELECT s.*,
  coalesce(vs.code_vs, array()) AS code_vs,
  coalesce(vs.element_vs, array()) AS element_vs,
  coalesce(codings.codings, array()) AS codings,
  s.authored_on AS lo,
  s.authored_on AS hi,
  s.status IN ('active', 'completed') AND s.intent = 'order' AS is_order
FROM silver.service_request s
LEFT JOIN vs ON vs.source_system = s.source_system AND vs.source_id = s.source_id
LEFT JOIN codings ON codings.source_system = s.source_system AND codings.source_id = s.source_id
