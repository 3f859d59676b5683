-- "Denominator 4": "Initial Population 4".
SELECT * FROM cms347_initial_population_4
