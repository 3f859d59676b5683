-- "Medical Reason for Not Documenting a Follow up Plan for Low or High BMI": a completed referral or follow-up not
-- requested (ServiceNotRequested: doNotPerform) whose reasonRefused (qicore-doNotPerformReason) is a medical reason,
-- or a completed BMI medication not requested (MedicationNotRequested: doNotPerform, medication coded on the request)
-- whose reason code is a medical reason, authored the same day a qualifying encounter starts.
WITH not_requested AS (
  SELECT person_id, 'ServiceRequest/' || source_id AS evidence_id, authored_on,
    'follow-up not ordered: medical reason' AS evidence_detail
  FROM m_service_request
  WHERE do_not_perform IS TRUE AND status = 'completed'
    AND arrays_overlap(code_vs, array(
      '2.16.840.1.113883.3.600.1.1527',   -- Referrals Where Weight Assessment May Occur
      '2.16.840.1.113883.3.600.1.1525',   -- Follow Up for Above Normal BMI
      '2.16.840.1.113883.3.600.1.1528'))  -- Follow Up for Below Normal BMI
    AND array_contains(element_vs, 'do_not_perform_reason|2.16.840.1.113883.3.526.3.1007') -- Medical Reason
  UNION ALL
  SELECT person_id, 'MedicationRequest/' || source_id, authored_on,
    'BMI medication not ordered: medical reason'
  FROM m_medication_request
  WHERE do_not_perform IS TRUE AND status = 'completed'
    AND arrays_overlap(element_vs, array(
      'medication|2.16.840.1.113883.3.526.3.1561',   -- Medications for Above Normal BMI
      'medication|2.16.840.1.113883.3.526.3.1562'))  -- Medications for Below Normal BMI
    AND array_contains(element_vs, 'reason_code|2.16.840.1.113883.3.526.3.1007') -- Medical Reason
)
SELECT n.person_id, n.evidence_id, n.authored_on AS evidence_date, n.evidence_detail
FROM not_requested n
WHERE EXISTS (SELECT 1 FROM cms69_qualifying_encounter_during_day_of_measurement_period q
              WHERE q.person_id = n.person_id AND to_date(q.evidence_date) = to_date(n.authored_on))
