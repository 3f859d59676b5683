-- "Denominator": the initial population.
SELECT * FROM cms2_initial_population
