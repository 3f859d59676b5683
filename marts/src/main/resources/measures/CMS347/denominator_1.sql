-- "Denominator 1": "Initial Population 1".
SELECT * FROM cms347_initial_population_1
