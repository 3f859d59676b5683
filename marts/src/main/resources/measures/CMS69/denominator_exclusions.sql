-- "Denominator Exclusions": hospice, palliative care, or pregnancy during the measurement period.
SELECT * FROM m_hospice
UNION ALL
SELECT * FROM m_palliative_care
UNION ALL
SELECT * FROM cms69_is_pregnant_during_day_of_measurement_period
