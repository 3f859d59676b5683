-- "Denominator Exclusions": hospice, a right and a left mastectomy (diagnosis or procedure), a bilateral
-- mastectomy (diagnosis or procedure), age 66+ with advanced illness and frailty, age 66+ living long term in a
-- nursing home, or palliative care.
SELECT * FROM m_hospice
UNION ALL
SELECT * FROM (
  SELECT * FROM cms125_right_mastectomy_diagnosis UNION ALL SELECT * FROM cms125_right_mastectomy_procedure
) r
WHERE EXISTS (SELECT 1 FROM cms125_left_mastectomy_diagnosis l WHERE l.person_id = r.person_id)
   OR EXISTS (SELECT 1 FROM cms125_left_mastectomy_procedure l WHERE l.person_id = r.person_id)
UNION ALL
SELECT * FROM cms125_bilateral_mastectomy_diagnosis
UNION ALL
SELECT * FROM cms125_bilateral_mastectomy_procedure
UNION ALL
SELECT f.* FROM m_frailty f JOIN m_patient p ON p.person_id = f.person_id
WHERE p.age_at_end >= 66 AND EXISTS (SELECT 1 FROM m_advanced_illness a WHERE a.person_id = f.person_id)
UNION ALL
SELECT n.* FROM m_nursing_home n JOIN m_patient p ON p.person_id = n.person_id WHERE p.age_at_end >= 66
UNION ALL
SELECT * FROM m_palliative_care
