-- One golden record per person: gold.dim_person.person_id present and unique.
-- category: uniqueness
-- severity: fail
-- requires: gold.dim_person
SELECT person_id, count(*) AS rows FROM gold.dim_person
GROUP BY person_id HAVING count(*) > 1 OR person_id IS NULL
