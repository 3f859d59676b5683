-- Device requests (CQL [DeviceRequest: ...]): value sets of the code, authoredOn as a point interval, and
-- Status.isDeviceOrder (active or completed order).
WITH vs AS (
  SELECT source_system, source_id,
    collect_set(IF(element = 'code', value_set, NULL)) AS code_vs,
    collect_set(element || '|' || value_set) AS element_vs
  FROM m_coded WHERE resource_type = 'DeviceRequest' GROUP BY source_system, source_id
), codings AS (
  SELECT source_system, source_id, collect_set(element || '|' || system || '|' || code) AS codings
  FROM silver.coding WHERE resource_type = 'DeviceRequest' GROUP BY source_system, source_id
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
