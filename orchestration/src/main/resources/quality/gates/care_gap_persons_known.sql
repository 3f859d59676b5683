-- Every care gap belongs to a person of gold.dim_person (a care manager could not open it otherwise).
-- category: referential integrity
-- severity: fail
-- requires: gold.care_gap, gold.dim_person
SELECT g.measure_id, g.person_id
FROM gold.care_gap g LEFT ANTI JOIN gold.dim_person d ON d.person_id = g.person_id
