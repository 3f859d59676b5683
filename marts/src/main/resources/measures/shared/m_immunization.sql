-- Immunizations (CQL [Immunization: ...]): value sets of the vaccine code, the occurrence as a point interval, and
-- Status.isImmunizationAdministered (completed).
WITH vs AS (
  SELECT source_system, source_id,
    transform(filter(element_vs, x -> startswith(x, 'vaccine_code|')), x -> substr(x, 14)) AS code_vs,
    element_vs
  FROM m_coded WHERE resource_type = 'Immunization'
), codings AS (
  SELECT source_system, source_id, codings FROM m_direct_coded WHERE resource_type = 'Immunization'
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
