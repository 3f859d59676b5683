-- "Statin Therapy Prescribed Anytime during day of Measurement Period": an active or completed order for a low,
-- moderate or high intensity statin authored on a day of the measurement period, or whose dosage timing bounds
-- (a Period: a missing start is unknown, a missing end unbounded) overlap its days. A request not to order
-- (doNotPerform, QI-Core's MedicationNotRequested profile) is not a QI-Core MedicationRequest, so it does not count.
SELECT person_id, 'MedicationRequest/' || source_id AS evidence_id, coalesce(authored_on, dosage_bounds_start)
  AS evidence_date, 'statin ordered: ' || coalesce(medication_display, medication_code, '') AS evidence_detail
FROM m_medication_request
WHERE arrays_overlap(code_vs, array(
    '2.16.840.1.113883.3.526.3.1574',  -- Low Intensity Statin Therapy
    '2.16.840.1.113883.3.526.3.1575',  -- Moderate Intensity Statin Therapy
    '2.16.840.1.113883.3.526.3.1572')) -- High Intensity Statin Therapy
  AND status IN ('active', 'completed') AND intent = 'order' AND do_not_perform IS NOT TRUE
  AND (to_date(authored_on) BETWEEN :period_start AND :period_end
    OR (to_date(dosage_bounds_start) <= :period_end
        AND to_date(coalesce(dosage_bounds_end, TIMESTAMP'9999-12-31 23:59:59.999')) >= :period_start))
