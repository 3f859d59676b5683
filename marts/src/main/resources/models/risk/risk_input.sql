-- What the risk models need per person as of the end of the period (:period_start .. :period_end, the data
-- collection year): age in whole years, sex, the year's ICD-10-CM diagnoses and the coverage that decides the CMS-HCC
-- segment. Diagnoses: conditions whose prevalence overlaps the year (not refuted or entered in error) and claim and
-- explanation-of-benefit diagnoses billed in it. A condition's code counts as ICD-10-CM as received or as conformed (a
-- local code mapped through ref.concept_map); a SNOMED CT code, standard and so never conformed, counts as the
-- ICD-10-CM codes the SNOMED CT -> ICD-10-CM maps in ref give it (the shipped Synthea crosswalk, or a site's own map,
-- which wins for the codes it covers). The condition_* columns count what was looked at, for the coverage report.
WITH crosswalk AS (
  -- small (hundreds to a few hundred thousand rows): broadcast, so conditions are read once, without a shuffle
  SELECT source_code, collect_set(target_code) AS icd10
  FROM (
    SELECT source_code, target_code,
      -- a user's map replaces the shipped one code by code
      rank() OVER (PARTITION BY source_code
                   ORDER BY IF(map_url = 'https://carelake.org/fhir/ConceptMap/snomed-icd10cm-synthea', 1, 0)) AS pref
    FROM ref.concept_map
    WHERE source_system = 'http://snomed.info/sct' AND target_system = 'http://hl7.org/fhir/sid/icd-10-cm'
      AND source_feed IS NULL AND target_code IS NOT NULL
      AND coalesce(lower(equivalence), '') NOT IN ('unmatched', 'disjoint', 'not-related-to'))
  WHERE pref = 1
  GROUP BY source_code
), condition_codes AS (
  SELECT /*+ BROADCAST(x) */ c.person_id, c.source_id,
    collect_set(CASE WHEN k.system = 'http://hl7.org/fhir/sid/icd-10-cm' THEN k.code
                     WHEN k.standard_system = 'http://hl7.org/fhir/sid/icd-10-cm' THEN k.standard_code END)
      AS icd10_received,
    array_distinct(flatten(collect_list(x.icd10))) AS icd10_crosswalk,
    collect_set(CASE WHEN k.standard_system = 'http://snomed.info/sct'
                     THEN named_struct('code', k.standard_code, 'display', k.display) END) AS snomed
  FROM silver.condition c
  JOIN silver.coding k ON k.resource_type = 'Condition' AND k.element = 'code'
    AND k.source_system = c.source_system AND k.source_id = c.source_id
  LEFT JOIN crosswalk x ON k.standard_system = 'http://snomed.info/sct' AND x.source_code = k.standard_code
  WHERE coalesce(c.verification_status, '') NOT IN ('refuted', 'entered-in-error')
    AND coalesce(to_date(coalesce(c.onset_datetime, c.onset_period_start, c.recorded_date)), :period_start)
        <= :period_end
    AND (c.clinical_status IN ('active', 'recurrence', 'relapse')
      OR coalesce(to_date(coalesce(c.abatement_datetime, c.abatement_period_end)), :period_end) >= :period_start)
  GROUP BY c.person_id, c.source_id
), billed AS (
  SELECT d.person_id, d.diagnosis_code AS code
  FROM silver.claim_diagnosis d
  JOIN silver.claim c ON c.source_system = d.source_system AND c.source_id = d.source_id
  WHERE d.diagnosis_system = 'http://hl7.org/fhir/sid/icd-10-cm'
    AND to_date(coalesce(c.billable_period_start, c.created)) BETWEEN :period_start AND :period_end
  UNION ALL
  SELECT d.person_id, d.diagnosis_code
  FROM silver.explanation_of_benefit_diagnosis d
  JOIN silver.explanation_of_benefit e ON e.source_system = d.source_system AND e.source_id = d.source_id
  WHERE d.diagnosis_system = 'http://hl7.org/fhir/sid/icd-10-cm'
    AND to_date(coalesce(e.billable_period_start, e.created)) BETWEEN :period_start AND :period_end
), dx AS (
  SELECT person_id, code FROM condition_codes LATERAL VIEW explode(concat(icd10_received, icd10_crosswalk)) x AS code
  UNION ALL
  SELECT person_id, code FROM billed
), dx_by_person AS (
  SELECT person_id, collect_set(regexp_replace(upper(code), '\\.', '')) AS dx_codes FROM dx GROUP BY person_id
), condition_stats AS (
  SELECT person_id, count(*) AS conditions_in_year,
    count_if(size(icd10_received) > 0) AS conditions_icd10_received,
    count_if(size(icd10_received) = 0 AND size(icd10_crosswalk) > 0) AS conditions_icd10_crosswalk,
    -- SNOMED CT codes of the conditions left without ICD-10-CM: what a map should cover next
    flatten(collect_list(IF(size(icd10_received) = 0 AND size(icd10_crosswalk) = 0, snomed, array())))
      AS unmapped_snomed
  FROM condition_codes GROUP BY person_id
), coverage AS (
  SELECT person_id,
    bool_or(lower(concat_ws(' ', payor_display, type_display, plan_name)) LIKE '%medicaid%') AS medicaid,
    bool_or(lower(concat_ws(' ', payor_display, type_display, plan_name)) LIKE '%medicare%') AS medicare
  FROM silver.coverage
  WHERE coalesce(to_date(period_start), :period_start) <= :period_end
    AND coalesce(to_date(period_end), :period_end) >= :period_start
  GROUP BY person_id
)
SELECT p.person_id,
  year(:period_end) - year(p.birth_date)
    - IF(month(:period_end) * 100 + day(:period_end) < month(p.birth_date) * 100 + day(p.birth_date), 1, 0) AS age,
  p.gender AS sex,
  coalesce(d.dx_codes, array()) AS dx_codes,
  coalesce(cov.medicaid, false) AS medicaid,
  coalesce(cov.medicare, false) AS medicare,
  coalesce(s.conditions_in_year, 0) AS conditions_in_year,
  coalesce(s.conditions_icd10_received, 0) AS conditions_icd10_received,
  coalesce(s.conditions_icd10_crosswalk, 0) AS conditions_icd10_crosswalk,
  coalesce(s.unmapped_snomed, array()) AS unmapped_snomed
FROM gold.dim_person p
LEFT JOIN coverage cov ON cov.person_id = p.person_id
LEFT JOIN dx_by_person d ON d.person_id = p.person_id
LEFT JOIN condition_stats s ON s.person_id = p.person_id
WHERE p.birth_date IS NOT NULL AND p.gender IN ('male', 'female')
