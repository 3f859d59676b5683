-- "High BMI and Follow up Provided": a high BMI, for a patient with a high BMI intervention ordered or performed
-- that starts within the measurement period's days (the `with` does not relate the two in time).
SELECT b.person_id, b.evidence_id, b.evidence_date, b.evidence_detail || ', follow-up ' || i.evidence_id
  AS evidence_detail
FROM cms69_documented_high_bmi_during_measurement_period b
JOIN (
  SELECT person_id, min(evidence_id) AS evidence_id
  FROM (SELECT * FROM cms69_high_bmi_interventions_ordered
        UNION ALL
        SELECT * FROM cms69_high_bmi_interventions_performed)
  WHERE to_date(evidence_date) BETWEEN :period_start AND :period_end
  GROUP BY person_id
) i ON i.person_id = b.person_id
