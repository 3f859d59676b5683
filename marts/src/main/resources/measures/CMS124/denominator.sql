-- "Denominator": the initial population.
SELECT * FROM cms124_initial_population
