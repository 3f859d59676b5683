-- Each source's current FHIR Patients (deletions applied) are its silver patient rows from FHIR: none lost, none
-- left behind after a deletion.
-- category: reconciliation
-- severity: fail
-- requires: bronze.fhir_resource, silver.patient
WITH fhir_batches AS (
  SELECT DISTINCT batch_id FROM bronze.fhir_resource
), bronze_patients AS (
  SELECT source_system, count(*) AS patients FROM bronze.fhir_current
  WHERE resource_type = 'Patient' GROUP BY source_system
), silver_patients AS (
  SELECT source_system, count(*) AS patients FROM silver.patient
  WHERE _batch_id IN (SELECT batch_id FROM fhir_batches) GROUP BY source_system
)
SELECT coalesce(b.source_system, s.source_system) AS source_system, coalesce(b.patients, 0) AS bronze_current,
       coalesce(s.patients, 0) AS silver_rows
FROM bronze_patients b FULL JOIN silver_patients s ON s.source_system = b.source_system
WHERE coalesce(b.patients, 0) <> coalesce(s.patients, 0)
