-- Encounters as the measures read them (CQL [Encounter: ...]): the value sets of Encounter.type (code_vs), every
-- coded element's value sets (element_vs: 'element|oid') and codings (codings: 'element|system|code'), the period
-- as an interval (FHIRHelpers ToInterval(Period): a missing end is open-ended, a missing start unknown), and
-- Status.isEncounterPerformed.
WITH vs AS (
  SELECT source_system, source_id,
    transform(filter(element_vs, x -> startswith(x, 'type|')), x -> substr(x, 6)) AS code_vs,
    element_vs
  FROM m_coded WHERE resource_type = 'Encounter'
), codings AS (
  SELECT source_system, source_id, codings FROM m_direct_coded WHERE resource_type = 'Encounter'
)
SELECT e.*,
  coalesce(vs.code_vs, array()) AS code_vs,
  coalesce(vs.element_vs, array()) AS element_vs,
  coalesce(codings.codings, array()) AS codings,
  e.period_start AS lo,
  IF(e.period_start IS NULL AND e.period_end IS NULL, NULL,
     coalesce(e.period_end, TIMESTAMP'9999-12-31 23:59:59.999')) AS hi,
  e.status IN ('finished', 'arrived', 'triaged', 'in-progress', 'onleave') AS is_performed
FROM silver.encounter e
LEFT JOIN vs ON vs.source_system = e.source_system AND vs.source_id = e.source_id
LEFT JOIN codings ON codings.source_system = e.source_system AND codings.source_id = e.source_id
