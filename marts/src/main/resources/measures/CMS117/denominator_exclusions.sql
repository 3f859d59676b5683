-- "Denominator Exclusions": hospice services, or severe combined immunodeficiency, immunodeficiency, HIV,
-- lymphoreticular cancer / multiple myeloma / leukemia or intussusception starting in the first two years.
SELECT * FROM m_hospice
UNION ALL
SELECT person_id, evidence_id, evidence_date, evidence_detail
FROM cms117_conditions_during_first_two_years
WHERE define_name LIKE 'Has %'
