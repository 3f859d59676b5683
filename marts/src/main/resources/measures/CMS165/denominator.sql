-- "Denominator": the initial population.
SELECT * FROM cms165_initial_population
