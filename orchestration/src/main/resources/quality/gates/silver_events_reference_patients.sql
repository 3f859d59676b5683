-- Encounters, conditions and observations point at a patient of their own source. Real feeds send results before
-- the registration at times, so this warns (the rows stay; identity and marts skip them).
-- category: referential integrity
-- severity: warn
-- requires: silver.patient, silver.encounter, silver.condition, silver.observation
WITH patients AS (SELECT DISTINCT source_system, source_patient_id FROM silver.patient),
events AS (
  SELECT 'silver.encounter' AS table_name, source_system, source_id, source_patient_id FROM silver.encounter
  UNION ALL
  SELECT 'silver.condition', source_system, source_id, source_patient_id FROM silver.condition
  UNION ALL
  SELECT 'silver.observation', source_system, source_id, source_patient_id FROM silver.observation
)
SELECT e.table_name, e.source_system, e.source_id, e.source_patient_id
FROM events e LEFT ANTI JOIN patients p
  ON p.source_system = e.source_system AND p.source_patient_id = e.source_patient_id
