-- Every coding of every coded element that is a member of a loaded value set (its newest expansion), once per
-- (resource, element, value set). This is CQL's retrieve `[Type: "Value Set"]` as a table: a coding counts when
-- its code as received (system normalized to the canonical URI) or its conformed standard code (a local code
-- mapped through ref.concept_map) is in the expansion.
SELECT DISTINCT resource_type, source_system, source_id, element, value_set
FROM (
  SELECT c.resource_type, c.source_system, c.source_id, c.element, coalesce(m.value_set_oid, m.value_set_url) AS value_set
  FROM silver.coding c JOIN ref.value_set_member m ON m.system = c.system AND m.code = c.code
  UNION ALL
  SELECT c.resource_type, c.source_system, c.source_id, c.element, coalesce(m.value_set_oid, m.value_set_url) AS value_set
  FROM silver.coding c JOIN ref.value_set_member m ON m.system = c.standard_system AND m.code = c.standard_code
  WHERE c.map_status = 'mapped'
)
