-- "Denominator": the initial population.
SELECT * FROM cms69_initial_population
