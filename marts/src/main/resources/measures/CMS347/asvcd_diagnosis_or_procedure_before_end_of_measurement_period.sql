-- "ASVCD Diagnosis or Procedure before End of Measurement Period": an ASCVD problem-list item or health concern whose
-- prevalence starts on or before the last day of the measurement period, or a completed ASCVD procedure starting then.
SELECT person_id, 'Condition/' || source_id AS evidence_id, lo AS evidence_date,
  'ASCVD diagnosis' AS evidence_detail
FROM m_condition
WHERE arrays_overlap(code_vs, array(
    '2.16.840.1.113883.3.526.3.403',      -- Myocardial Infarction
    '2.16.840.1.113762.1.4.1047.44',      -- Cerebrovascular Disease Stroke or TIA
    '2.16.840.1.113762.1.4.1047.21',      -- Atherosclerosis and Peripheral Arterial Disease
    '2.16.840.1.113762.1.4.1047.46',      -- Ischemic Heart Disease or Other Related Diagnoses
    '2.16.840.1.113762.1.4.1047.47'))     -- Stable and Unstable Angina
  AND (array_contains(codings, 'category|http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item')
    OR array_contains(codings, 'category|http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern'))
  AND to_date(lo) <= :period_end
UNION ALL
SELECT person_id, 'Procedure/' || source_id, lo, 'ASCVD procedure'
FROM m_procedure
WHERE arrays_overlap(code_vs, array(
    '2.16.840.1.113762.1.4.1045.67',      -- PCI
    '2.16.840.1.113883.3.666.5.694',      -- CABG Surgeries
    '2.16.840.1.113883.3.117.1.7.1.204',  -- Carotid Intervention
    '2.16.840.1.113762.1.4.1138.566'))    -- CABG or PCI Procedure
  AND to_date(lo) <= :period_end
  AND status = 'completed'
