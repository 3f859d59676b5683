-- "Preventive Visit During Measurement Period": performed preventive encounters (wellness, preventive care,
-- counseling or nutrition value sets, or the unlisted preventive / postoperative follow-up CPT codes) whose period
-- lies within the measurement period's days.
SELECT person_id, 'Encounter/' || source_id AS evidence_id, lo AS evidence_date, 'preventive visit' AS evidence_detail
FROM m_encounter
WHERE is_performed
  AND (array_contains(codings, 'type|http://www.ama-assn.org/go/cpt|99429') -- Unlisted preventive medicine service
    OR array_contains(codings, 'type|http://www.ama-assn.org/go/cpt|99024') -- Postoperative follow-up visit
    OR arrays_overlap(code_vs, array(
      '2.16.840.1.113883.3.526.3.1240',            -- Annual Wellness Visit
      '2.16.840.1.113883.3.464.1003.101.12.1025',  -- Preventive Care Services Established Office Visit, 18 and Up
      '2.16.840.1.113883.3.464.1003.101.12.1023',  -- Preventive Care Services Initial Office Visit, 18 and Up
      '2.16.840.1.113883.3.464.1003.101.12.1024',  -- Preventive Care, Established Office Visit, 0 to 17
      '2.16.840.1.113883.3.464.1003.101.12.1022',  -- Preventive Care Services, Initial Office Visit, 0 to 17
      '2.16.840.1.113883.3.464.1003.101.12.1027',  -- Preventive Care Services Group Counseling
      '2.16.840.1.113883.3.464.1003.101.12.1026',  -- Preventive Care Services Individual Counseling
      '2.16.840.1.113883.3.464.1003.1006')))       -- Nutrition Services
  AND to_date(lo) >= :period_start AND to_date(hi) <= :period_end
