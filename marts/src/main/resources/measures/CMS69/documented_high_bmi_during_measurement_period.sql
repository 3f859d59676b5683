-- "Documented High BMI during Measurement Period": BMI of 25 kg/m2 or more.
SELECT * FROM cms69_bmi_during_measurement_period WHERE bmi >= 25
