-- "Has Normal BMI": a BMI from 18.5 up to 25 kg/m2 and no high or low BMI in the measurement period.
SELECT b.* FROM cms69_bmi_during_measurement_period b
WHERE b.bmi >= 18.5 AND b.bmi < 25
  AND NOT EXISTS (SELECT 1 FROM cms69_documented_high_bmi_during_measurement_period h WHERE h.person_id = b.person_id)
  AND NOT EXISTS (SELECT 1 FROM cms69_documented_low_bmi_during_measurement_period l WHERE l.person_id = b.person_id)
