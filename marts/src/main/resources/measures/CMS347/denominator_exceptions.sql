-- "Denominator Exceptions": statin allergy, hospice, palliative care, hepatitis or liver disease, statin associated
-- muscle symptoms, end stage renal disease, an adverse reaction to a statin, or a medical reason for not ordering a
-- statin. One row per piece of evidence.
SELECT person_id, 'AllergyIntolerance/' || source_id AS evidence_id, lo AS evidence_date,
  'statin allergy' AS evidence_detail
FROM m_allergy
WHERE array_contains(code_vs, '2.16.840.1.113762.1.4.1110.42') -- Statin Allergen
  AND to_date(lo) <= :period_end AND to_date(hi) >= :period_start
  AND is_active
UNION ALL
SELECT * FROM m_hospice
UNION ALL
SELECT * FROM m_palliative_care
UNION ALL
SELECT person_id, 'Condition/' || source_id, lo,
  CASE
    WHEN array_contains(code_vs, '2.16.840.1.113883.3.526.3.353') THEN 'end stage renal disease'
    WHEN array_contains(code_vs, '2.16.840.1.113762.1.4.1108.85') THEN 'statin associated muscle symptoms'
    ELSE 'hepatitis or liver disease'
  END
FROM m_condition
WHERE arrays_overlap(code_vs, array(
    '2.16.840.1.113883.3.464.1003.110.12.1024',  -- Hepatitis A
    '2.16.840.1.113883.3.67.1.101.1.269',        -- Hepatitis B
    '2.16.840.1.113762.1.4.1047.42',             -- Liver Disease
    '2.16.840.1.113762.1.4.1108.85',             -- Statin Associated Muscle Symptoms
    '2.16.840.1.113883.3.526.3.353'))            -- End Stage Renal Disease
  AND (array_contains(codings, 'category|http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item')
    OR array_contains(codings, 'category|http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern'))
  AND to_date(lo) <= :period_end AND to_date(hi) >= :period_start
UNION ALL
SELECT person_id, 'AdverseEvent/' || source_id, recorded_date, 'adverse reaction to a statin'
FROM m_adverse_event
WHERE array_contains(code_vs, '2.16.840.1.113762.1.4.1110.42') -- Statin Allergen
  AND to_date(recorded_date) BETWEEN :period_start AND :period_end
UNION ALL
-- MedicationNotRequested: a completed request not to order a statin, for a medical reason, authored during a
-- qualifying visit.
SELECT r.person_id, 'MedicationRequest/' || r.source_id, r.authored_on, 'statin not ordered for a medical reason'
FROM m_medication_request r
WHERE r.do_not_perform
  AND arrays_overlap(r.code_vs, array(
    '2.16.840.1.113883.3.526.3.1574',  -- Low Intensity Statin Therapy
    '2.16.840.1.113883.3.526.3.1575',  -- Moderate Intensity Statin Therapy
    '2.16.840.1.113883.3.526.3.1572')) -- High Intensity Statin Therapy
  AND r.status = 'completed'
  AND array_contains(r.element_vs, 'reason_code|2.16.840.1.113883.3.526.3.1007') -- Medical Reason
  AND EXISTS (SELECT 1 FROM cms347_qualifying_encounter_during_day_of_measurement_period q
              WHERE q.person_id = r.person_id AND r.authored_on BETWEEN q.lo AND q.hi)
