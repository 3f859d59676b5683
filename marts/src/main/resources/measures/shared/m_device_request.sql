-- Device requests (CQL [DeviceRequest: ...]): value sets of the code, authoredOn as a point interval, and
-- Status.isDeviceOrder (active or completed order).
WITH vs AS (
  SELECT source_system, source_id,
    transform(filter(element_vs, x -> startswith(x, 'code|')), x -> substr(x, 6)) AS code_vs,
    element_vs
  FROM m_coded WHERE resource_type = 'DeviceRequest'
), codings AS (
  SELECT source_system, source_id, codings FROM m_direct_coded WHERE resource_type = 'DeviceRequest'
)
SELECT d.*,
  coalesce(vs.code_vs, array()) AS code_vs,
  coalesce(vs.element_vs, array()) AS element_vs,
  coalesce(codings.codings, array()) AS codings,
  d.authored_on AS lo,
  d.authored_on AS hi,
  d.status IN ('active', 'completed') AND d.intent = 'order' AS is_order
FROM silver.device_request d
LEFT JOIN vs ON vs.source_system = d.source_system AND vs.source_id = d.source_id
LEFT JOIN codings ON codings.source_system = d.source_system AND codings.source_id = d.source_id
