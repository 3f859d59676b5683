-- "Denominator Exclusions": hospice, pregnancy or renal diagnosis, ESRD procedures or encounters, age 66 to 80 with
-- advanced illness and frailty or 81+ with frailty, age 66+ living long term in a nursing home, or palliative care.
SELECT * FROM m_hospice
UNION ALL
SELECT * FROM cms165_pregnancy_or_renal_diagnosis
UNION ALL
SELECT * FROM cms165_end_stage_renal_disease_procedures
UNION ALL
SELECT * FROM cms165_end_stage_renal_disease_encounter
UNION ALL
SELECT f.* FROM m_frailty f JOIN m_patient p ON p.person_id = f.person_id
WHERE (p.age_at_end BETWEEN 66 AND 80
       AND EXISTS (SELECT 1 FROM m_advanced_illness a WHERE a.person_id = f.person_id))
  OR p.age_at_end >= 81
UNION ALL
SELECT n.* FROM m_nursing_home n JOIN m_patient p ON p.person_id = n.person_id WHERE p.age_at_end >= 66
UNION ALL
SELECT * FROM m_palliative_care
