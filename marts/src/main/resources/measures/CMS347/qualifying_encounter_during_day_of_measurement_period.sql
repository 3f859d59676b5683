-- "Qualifying Encounter during day of Measurement Period": finished wellness, office, consultation and preventive
-- visits whose period lies within the measurement period's days.
SELECT person_id, 'Encounter/' || source_id AS evidence_id, lo AS evidence_date, 'qualifying visit' AS evidence_detail,
  lo, hi
FROM m_encounter
WHERE status = 'finished'
  AND arrays_overlap(code_vs, array(
    '2.16.840.1.113883.3.526.3.1240',             -- Annual Wellness Visit
    '2.16.840.1.113883.3.464.1003.101.12.1001',   -- Office Visit
    '2.16.840.1.113883.3.464.1003.101.12.1008',   -- Outpatient Consultation
    '2.16.840.1.113883.3.526.3.1576',             -- Outpatient Encounters for Preventive Care
    '2.16.840.1.113883.3.464.1003.101.12.1025',   -- Preventive Care Services Established Office Visit, 18 and Up
    '2.16.840.1.113883.3.464.1003.101.12.1026',   -- Preventive Care Services Individual Counseling
    '2.16.840.1.113883.3.464.1003.101.12.1023',   -- Preventive Care Services Initial Office Visit, 18 and Up
    '2.16.840.1.113883.3.464.1003.101.11.1150'))  -- Preventive Care Services Other
  AND to_date(lo) >= :period_start AND to_date(hi) <= :period_end
