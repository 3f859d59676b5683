-- "Denominator": the initial population.
SELECT * FROM cms130_initial_population
