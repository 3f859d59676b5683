-- A silver patient row is one source record: (source_system, source_patient_id) present and unique, with a person.
-- category: uniqueness
-- severity: fail
-- requires: silver.patient
SELECT source_system, source_patient_id, count(*) AS rows, count_if(person_id IS NULL) AS without_person
FROM silver.patient
GROUP BY source_system, source_patient_id
HAVING count(*) > 1 OR source_system IS NULL OR source_patient_id IS NULL OR count_if(person_id IS NULL) > 0
