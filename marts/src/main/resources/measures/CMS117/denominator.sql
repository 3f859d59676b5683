-- "Denominator": the initial population.
SELECT * FROM cms117_initial_population
