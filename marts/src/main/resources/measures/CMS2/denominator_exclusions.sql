-- "Denominator Exclusions": a history of bipolar diagnosis before a qualifying encounter.
SELECT * FROM cms2_history_of_bipolar_diagnosis_before_qualifying_encounter
