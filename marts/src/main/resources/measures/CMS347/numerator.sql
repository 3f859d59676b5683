-- "Numerator": a statin prescribed during the measurement period.
SELECT * FROM cms347_statin_therapy_prescribed_anytime_during_day_of_measurement_period
