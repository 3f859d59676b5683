-- "Denominator": the initial population.
SELECT * FROM cms125_initial_population
