-- Immunizations (CQL [Immunization: ...]): value sets of the vaccine code, the occurrence as a point interval, and
-- Status.isImmunizationAdministered (completed).
WITH vs AS (
  SELECT source_system, source_id,
    collect_set(IF(element = 'vaccine_code', value_set, NULL)) AS code_vs,
    collect_set(element || '|' || value_set) AS element_vs
  FROM m_coded WHERE resource_type = 'Immunization' GROUP BY source_system, source_id
), codings AS (
  SELECT source_system, source_id, collect_set(element || '|' || system || '|' || code) AS codings
  FROM silver.coding WHERE resource_type = 'Immunization' GROUP BY source_system, source_id
)
SELECT i.*,
  coalesce(vs.code_vs, array()) AS code_vs,
  coalesce(vs.element_vs, array()) AS element_vs,
  coalesce(codings.codings, array()) AS codings,
  i.occurrence_datetime AS lo,
  i.occurrence_datetime AS hi,
  i.status = 'completed' AS is_administered
FROM silver.immunization i
LEFT JOIN vs ON vs.source_system = i.source_system AND vs.source_id = i.source_id
LEFT JOIN codings ON codings.source_system = i.source_system AND codings.source_id = i.source_id
