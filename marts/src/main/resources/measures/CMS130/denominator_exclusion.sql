-- "Denominator Exclusion": hospice, colorectal cancer, total colectomy, age 66+ with advanced illness and frailty,
-- age 66+ living long term in a nursing home, or palliative care.
SELECT * FROM m_hospice
UNION ALL
SELECT * FROM cms130_malignant_neoplasm
UNION ALL
SELECT * FROM cms130_total_colectomy_performed
UNION ALL
SELECT f.* FROM m_frailty f JOIN m_patient p ON p.person_id = f.person_id
WHERE p.age_at_end >= 66 AND EXISTS (SELECT 1 FROM m_advanced_illness a WHERE a.person_id = f.person_id)
UNION ALL
SELECT n.* FROM m_nursing_home n JOIN m_patient p ON p.person_id = n.person_id WHERE p.age_at_end >= 66
UNION ALL
SELECT * FROM m_palliative_care
