-- Adverse events (CQL [AdverseEvent: event in ...]): the value sets of the event (code_vs) and its codings.
WITH vs AS (
  SELECT source_system, source_id,
    transform(filter(element_vs, x -> startswith(x, 'event|')), x -> substr(x, 7)) AS code_vs,
    element_vs
  FROM m_coded WHERE resource_type = 'AdverseEvent'
), codings AS (
  SELECT source_system, source_id, codings FROM m_direct_coded WHERE resource_type = 'AdverseEvent'
)
SELECT e.*,
  coalesce(vs.code_vs, array()) AS code_vs,
  coalesce(vs.element_vs, array()) AS element_vs,
  coalesce(codings.codings, array()) AS codings
FROM silver.adverse_event e
LEFT JOIN vs ON vs.source_system = e.source_system AND vs.source_id = e.source_id
LEFT JOIN codings ON codings.source_system = e.source_system AND codings.source_id = e.source_id
