-- "Denominator 3": the initial population.
SELECT * FROM cms138_initial_population
