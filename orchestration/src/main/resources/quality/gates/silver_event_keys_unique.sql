-- Encounters, conditions and observations are one row per source record: (source_system, source_id) unique.
-- category: uniqueness
-- severity: fail
-- requires: silver.encounter, silver.condition, silver.observation
SELECT 'silver.encounter' AS table_name, source_system, source_id, count(*) AS rows
FROM silver.encounter GROUP BY source_system, source_id HAVING count(*) > 1 OR source_id IS NULL
UNION ALL
SELECT 'silver.condition', source_system, source_id, count(*)
FROM silver.condition GROUP BY source_system, source_id HAVING count(*) > 1 OR source_id IS NULL
UNION ALL
SELECT 'silver.observation', source_system, source_id, count(*)
FROM silver.observation GROUP BY source_system, source_id HAVING count(*) > 1 OR source_id IS NULL
