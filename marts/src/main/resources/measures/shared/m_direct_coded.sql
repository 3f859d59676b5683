-- Per resource, its codings that are direct-reference codes of the loaded library (CQL's
-- [Observation: "Glucose management indicator"]; m_direct_coding holds the 'element|system|code' literals the
-- models test), as the codings array every model offers. Measures only ever test that array for those literals,
-- so the resources' other codings (most of silver.coding) are never aggregated: one scan with a broadcast join.
SELECT c.resource_type, c.source_system, c.source_id, collect_set(d.coding) AS codings
FROM silver.coding c
JOIN m_direct_coding d ON d.coding = c.element || '|' || c.system || '|' || c.code
GROUP BY c.resource_type, c.source_system, c.source_id
