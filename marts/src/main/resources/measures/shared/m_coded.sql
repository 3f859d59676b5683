-- Every coding of every coded element that is a member of a loaded value set (its newest expansion), once per
-- (resource, element, value set). This is CQL's retrieve `[Type: "Value Set"]` as a table: a coding counts when
-- its code as received (system normalized to the canonical URI) or its conformed standard code (a local code
-- mapped through ref.concept_map) is in the expansion. One scan of silver.coding: each coding offers its received
-- key and, when mapped to another code, its standard key, and both meet the members in one (broadcast) join.
SELECT DISTINCT c.resource_type, c.source_system, c.source_id, c.element,
  coalesce(m.value_set_oid, m.value_set_url) AS value_set
FROM (
  SELECT resource_type, source_system, source_id, element,
    explode(IF(map_status = 'mapped'
                 AND NOT (standard_system <=> system AND standard_code <=> code),
               array(named_struct('system', system, 'code', code),
                     named_struct('system', standard_system, 'code', standard_code)),
               array(named_struct('system', system, 'code', code)))) AS k
  FROM silver.coding
) c
JOIN ref.value_set_member m ON m.system = c.k.system AND m.code = c.k.code
