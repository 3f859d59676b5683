-- "Denominator Exclusions": hospice, absence of cervix, or palliative care.
SELECT * FROM m_hospice
UNION ALL
SELECT * FROM cms124_absence_of_cervix
UNION ALL
SELECT * FROM m_palliative_care
