-- The features cohort criteria read, one row per person as of :as_of: age, sex, the value sets of the conditions
-- active on that day (or prevalent without an end), CMS-HCC V28 as of that day and a year before, the highest LACE
-- of the last 12 months' discharges, inpatient admissions and emergency visits in the 12 months up to it, and the
-- measures whose care gap is open in the latest measurement period ending on or before it.
WITH conditions AS (
  SELECT c.person_id, collect_set(coalesce(m.value_set_oid, m.value_set_url)) AS value_sets
  FROM silver.condition c
  JOIN silver.coding k ON k.resource_type = 'Condition' AND k.element = 'code'
    AND k.source_system = c.source_system AND k.source_id = c.source_id
  JOIN ref.value_set_member m ON (m.system = k.system AND m.code = k.code)
  WHERE coalesce(c.verification_status, '') NOT IN ('refuted', 'entered-in-error')
    AND coalesce(to_date(coalesce(c.onset_datetime, c.onset_period_start, c.recorded_date)), :as_of) <= :as_of
    AND (c.clinical_status IN ('active', 'recurrence', 'relapse')
      OR to_date(coalesce(c.abatement_datetime, c.abatement_period_end)) > :as_of)
  GROUP BY c.person_id
), risk AS (
  SELECT person_id,
    max(IF(as_of_date = :as_of, score, NULL)) AS hcc_v28,
    max(IF(as_of_date = add_months(:as_of, -12), score, NULL)) AS hcc_v28_prior
  FROM gold.risk_score WHERE model = 'CMS-HCC-V28' GROUP BY person_id
), lace AS (
  SELECT person_id, max(lace) AS lace_12m FROM gold.lace_discharge
  WHERE to_date(discharged) > add_months(:as_of, -12) AND to_date(discharged) <= :as_of GROUP BY person_id
), use AS (
  SELECT person_id, sum(inpatient_admissions) AS admissions_12m, sum(ed_visits) AS ed_visits_12m
  FROM gold.patient_month WHERE month > add_months(:as_of, -12) AND month <= :as_of GROUP BY person_id
), gaps AS (
  SELECT person_id, collect_set(measure_id) AS open_gaps FROM gold.care_gap
  WHERE status = 'open'
    AND period_end = (SELECT max(period_end) FROM gold.care_gap WHERE period_end <= :as_of)
  GROUP BY person_id
)
SELECT p.person_id,
  year(:as_of) - year(p.birth_date)
    - IF(month(:as_of) * 100 + day(:as_of) < month(p.birth_date) * 100 + day(p.birth_date), 1, 0) AS age,
  p.gender,
  coalesce(c.value_sets, array()) AS condition_value_sets,
  r.hcc_v28, r.hcc_v28_prior,
  l.lace_12m,
  coalesce(u.admissions_12m, 0) AS admissions_12m,
  coalesce(u.ed_visits_12m, 0) AS ed_visits_12m,
  coalesce(g.open_gaps, array()) AS open_gaps
FROM gold.dim_person p
LEFT JOIN conditions c ON c.person_id = p.person_id
LEFT JOIN risk r ON r.person_id = p.person_id
LEFT JOIN lace l ON l.person_id = p.person_id
LEFT JOIN use u ON u.person_id = p.person_id
LEFT JOIN gaps g ON g.person_id = p.person_id
WHERE p.deceased_datetime IS NULL OR to_date(p.deceased_datetime) > :as_of
