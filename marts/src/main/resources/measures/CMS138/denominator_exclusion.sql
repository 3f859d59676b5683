-- "Denominator Exclusion": hospice services.
SELECT * FROM m_hospice
