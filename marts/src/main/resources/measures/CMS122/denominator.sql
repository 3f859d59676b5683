-- "Denominator": the initial population.
SELECT * FROM cms122_initial_population
