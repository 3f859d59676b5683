-- "Documented Low BMI during Measurement Period": BMI below 18.5 kg/m2.
SELECT * FROM cms69_bmi_during_measurement_period WHERE bmi < 18.5
