-- The ten antigen clauses of "Numerator", one row per patient with a flag per clause (met by the vaccination
-- count or by a condition in lieu):
--   "Four DTaP Vaccinations", "Three Polio Vaccinations", "Four Pneumococcal Conjugate Vaccinations", "Three
--   Hepatitis B Vaccinations", "Two Influenza Vaccinations": that many doses on distinct days (the CQL chains each
--   dose 1 day or more after the previous one);
--   "Meets HepB Vaccination Requirement": a newborn vaccine procedure in the first week and two hepatitis B doses
--   on distinct days after it;
--   "Has Appropriate Number of Hib Immunizations": 4 distinct days of 3- or 4-dose Hib vaccine if any was a 4-dose
--   one, else 3; "Has Appropriate Number of Rotavirus Immunizations" likewise with 3 (any 3-dose) or 2;
--   "Two Influenza Vaccinations Including One LAIV Vaccination": an LAIV on the second birthday and any influenza
--   vaccination; MMR also by measles, mumps and rubella indicators together.
WITH doses AS (
  SELECT person_id,
    count(DISTINCT IF(vaccine = 'DTaP', admin_date, NULL)) AS dtap,
    count(DISTINCT IF(vaccine = 'Polio', admin_date, NULL)) AS polio,
    count(DISTINCT IF(vaccine = 'MMR', admin_date, NULL)) AS mmr,
    count(DISTINCT IF(vaccine IN ('Hib 3 Dose', 'Hib 4 Dose'), admin_date, NULL)) AS hib,
    count(DISTINCT IF(vaccine = 'Hib 4 Dose', admin_date, NULL)) AS hib_4_dose,
    count(DISTINCT IF(vaccine = 'Hepatitis B', admin_date, NULL)) AS hep_b,
    min(IF(vaccine = 'NewBorn', admin_date, NULL)) AS newborn_date,
    count(DISTINCT IF(vaccine = 'Varicella Zoster', admin_date, NULL)) AS vzv,
    count(DISTINCT IF(vaccine = 'Pneumococcal Conjugate', admin_date, NULL)) AS pcv,
    count(DISTINCT IF(vaccine = 'Hepatitis A', admin_date, NULL)) AS hep_a,
    count(DISTINCT IF(vaccine IN ('Rotavirus 2 Dose', 'Rotavirus 3 Dose'), admin_date, NULL)) AS rotavirus,
    count(DISTINCT IF(vaccine = 'Rotavirus 3 Dose', admin_date, NULL)) AS rotavirus_3_dose,
    count(DISTINCT IF(vaccine = 'Influenza', admin_date, NULL)) AS influenza,
    count(DISTINCT IF(vaccine = 'LAIV', admin_date, NULL)) AS laiv
  FROM cms117_immunizations_or_procedures
  GROUP BY person_id
), hep_b_after_newborn AS (
  SELECT i.person_id, count(DISTINCT i.admin_date) AS doses
  FROM cms117_immunizations_or_procedures i
  JOIN doses d ON d.person_id = i.person_id
  WHERE i.vaccine = 'Hepatitis B' AND i.admin_date > d.newborn_date
  GROUP BY i.person_id
), conditions AS (
  SELECT person_id, collect_set(define_name) AS defines
  FROM cms117_conditions_during_first_two_years
  GROUP BY person_id
), flags AS (
  SELECT p.person_id,
    coalesce(d.dtap, 0) >= 4 AS dtap_doses,
    array_contains(c.defines, 'DTaP Numerator Inclusion Conditions') AS dtap_condition,
    coalesce(d.polio, 0) >= 3 AS polio_doses,
    array_contains(c.defines, 'Polio Numerator Inclusion Conditions') AS polio_condition,
    coalesce(d.mmr, 0) >= 1 AS mmr_doses,
    array_contains(c.defines, 'MMR Numerator Inclusion Conditions')
      OR (array_contains(c.defines, 'Measles Indicators') AND array_contains(c.defines, 'Mumps Indicators')
        AND array_contains(c.defines, 'Rubella Indicators')) AS mmr_condition,
    IF(coalesce(d.hib_4_dose, 0) > 0, d.hib >= 4, coalesce(d.hib, 0) >= 3) AS hib_doses,
    array_contains(c.defines, 'Hib Numerator Inclusion Conditions') AS hib_condition,
    coalesce(d.hep_b, 0) >= 3 OR coalesce(h.doses, 0) >= 2 AS hep_b_doses,
    array_contains(c.defines, 'Hepatitis B Numerator Inclusion Conditions') AS hep_b_condition,
    coalesce(d.vzv, 0) >= 1 AS vzv_doses,
    array_contains(c.defines, 'Varicella Zoster Numerator Inclusion Conditions') AS vzv_condition,
    coalesce(d.pcv, 0) >= 4 AS pcv_doses,
    array_contains(c.defines, 'Pneumococcal Conjugate Numerator Inclusion Conditions') AS pcv_condition,
    coalesce(d.hep_a, 0) >= 1 AS hep_a_doses,
    array_contains(c.defines, 'Hepatitis A Numerator Inclusion Conditions') AS hep_a_condition,
    IF(coalesce(d.rotavirus_3_dose, 0) > 0, d.rotavirus >= 3, coalesce(d.rotavirus, 0) >= 2) AS rotavirus_doses,
    array_contains(c.defines, 'Rotavirus Numerator Inclusion Conditions') AS rotavirus_condition,
    coalesce(d.influenza, 0) >= 2 OR (coalesce(d.laiv, 0) > 0 AND coalesce(d.influenza, 0) > 0) AS influenza_doses,
    array_contains(c.defines, 'Influenza Numerator Inclusion Conditions') AS influenza_condition
  FROM m_patient p
  LEFT JOIN doses d ON d.person_id = p.person_id
  LEFT JOIN hep_b_after_newborn h ON h.person_id = p.person_id
  LEFT JOIN conditions c ON c.person_id = p.person_id
)
SELECT person_id,
  dtap_doses OR coalesce(dtap_condition, FALSE) AS dtap,
  polio_doses OR coalesce(polio_condition, FALSE) AS polio,
  mmr_doses OR coalesce(mmr_condition, FALSE) AS mmr,
  hib_doses OR coalesce(hib_condition, FALSE) AS hib,
  hep_b_doses OR coalesce(hep_b_condition, FALSE) AS hep_b,
  vzv_doses OR coalesce(vzv_condition, FALSE) AS vzv,
  pcv_doses OR coalesce(pcv_condition, FALSE) AS pcv,
  hep_a_doses OR coalesce(hep_a_condition, FALSE) AS hep_a,
  rotavirus_doses OR coalesce(rotavirus_condition, FALSE) AS rotavirus,
  influenza_doses OR coalesce(influenza_condition, FALSE) AS influenza,
  concat_ws(', ',
    IF(dtap_doses, NULL, IF(dtap_condition, 'DTaP by condition', 'DTaP missing')),
    IF(polio_doses, NULL, IF(polio_condition, 'IPV by condition', 'IPV missing')),
    IF(mmr_doses, NULL, IF(mmr_condition, 'MMR by condition', 'MMR missing')),
    IF(hib_doses, NULL, IF(hib_condition, 'Hib by condition', 'Hib missing')),
    IF(hep_b_doses, NULL, IF(hep_b_condition, 'HepB by condition', 'HepB missing')),
    IF(vzv_doses, NULL, IF(vzv_condition, 'VZV by condition', 'VZV missing')),
    IF(pcv_doses, NULL, IF(pcv_condition, 'PCV by condition', 'PCV missing')),
    IF(hep_a_doses, NULL, IF(hep_a_condition, 'HepA by condition', 'HepA missing')),
    IF(rotavirus_doses, NULL, IF(rotavirus_condition, 'RV by condition', 'RV missing')),
    IF(influenza_doses, NULL, IF(influenza_condition, 'influenza by condition', 'influenza missing'))) AS gaps
FROM flags
