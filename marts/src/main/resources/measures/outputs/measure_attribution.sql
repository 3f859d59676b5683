-- Who answers for each person's measures: the general practitioner the patient record names (a Practitioner) and
-- its managing organization; failing those, the practitioner with the most finished ambulatory, virtual or home
-- visits in the 24 months up to the end of the measurement period (ties: the most recent visit) and the service
-- provider of that practitioner's latest such visit. attribution_rule says which rule decided.
WITH named AS (
  SELECT person_id,
    max(IF(general_practitioner_reference LIKE 'Practitioner%', general_practitioner_id, NULL)) AS practitioner_id,
    max(managing_organization_id) AS organization_id
  FROM silver.patient GROUP BY person_id
), visits AS (
  SELECT person_id, participant_id AS practitioner_id, count(*) AS visits, max(period_start) AS last_visit,
    max_by(service_provider_id, period_start) AS organization_id
  FROM silver.encounter
  WHERE status = 'finished' AND class_code IN ('AMB', 'VR', 'HH') AND participant_id IS NOT NULL
    AND to_date(period_start) BETWEEN add_months(:period_end, -24) AND :period_end
  GROUP BY person_id, participant_id
), most AS (
  SELECT person_id, max_by(struct(practitioner_id, organization_id), struct(visits, last_visit)) AS top
  FROM visits GROUP BY person_id
)
SELECT p.person_id,
  coalesce(n.practitioner_id, m.top.practitioner_id) AS practitioner_id,
  coalesce(n.organization_id, m.top.organization_id) AS organization_id,
  CASE
    WHEN n.practitioner_id IS NOT NULL THEN 'general practitioner on the patient record'
    WHEN m.top IS NOT NULL THEN 'most ambulatory visits in the 24 months to the period end'
    ELSE 'unattributed'
  END AS attribution_rule
FROM gold.dim_person p
LEFT JOIN named n ON n.person_id = p.person_id
LEFT JOIN most m ON m.person_id = p.person_id
