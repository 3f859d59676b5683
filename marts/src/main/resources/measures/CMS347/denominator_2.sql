-- "Denominator 2": "Initial Population 2".
SELECT * FROM cms347_initial_population_2
