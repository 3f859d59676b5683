-- "Initial Population": aged 18 to 85 at the end of the measurement period, essential hypertension in its first six
-- months and a qualifying visit in it.
SELECT p.person_id, d.evidence_id, d.evidence_date, d.evidence_detail
FROM m_patient p
JOIN (
  SELECT person_id, min_by(evidence_id, evidence_date) AS evidence_id, min(evidence_date) AS evidence_date,
    'essential hypertension' AS evidence_detail
  FROM cms165_essential_hypertension_diagnosis
  GROUP BY person_id
) d ON d.person_id = p.person_id
WHERE p.age_at_end BETWEEN 18 AND 85
  AND EXISTS (SELECT 1 FROM m_qualifying_encounter q WHERE q.person_id = p.person_id)
