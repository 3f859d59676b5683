-- "Denominator 3": "Initial Population 3".
SELECT * FROM cms347_initial_population_3
