-- Per coded resource, the value sets its codings are members of (the newest expansion of each loaded value set), as
-- 'element|value set' (element_vs; models derive each element's list from it). This is CQL's retrieve
-- `[Type: "Value Set"]` as a table: a coding counts when its code as received (system normalized to the canonical
-- URI) or its conformed standard code (a local code mapped through ref.concept_map) is in the expansion. One scan of
-- silver.coding and one aggregation: each coding offers its received key and, when mapped to another code, its
-- standard key, both meet the members in one (broadcast) join, and the hits are grouped by resource once here
-- rather than once per model.
SELECT c.resource_type, c.source_system, c.source_id,
  collect_set(c.element || '|' || coalesce(m.value_set_oid, m.value_set_url)) AS element_vs
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
GROUP BY c.resource_type, c.source_system, c.source_id
