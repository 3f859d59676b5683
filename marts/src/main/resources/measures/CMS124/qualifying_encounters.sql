-- "Qualifying Encounters" (this measure's own list: no annual wellness visit): performed office, preventive (18 and
-- up), home health, telephone and virtual visits whose period lies within the measurement period's days.
SELECT person_id, 'Encounter/' || source_id AS evidence_id, lo AS evidence_date, 'qualifying visit' AS evidence_detail
FROM m_encounter
WHERE is_performed
  AND arrays_overlap(code_vs, array(
    '2.16.840.1.113883.3.464.1003.101.12.1001',  -- Office Visit
    '2.16.840.1.113883.3.464.1003.101.12.1025',  -- Preventive Care Services Established Office Visit, 18 and Up
    '2.16.840.1.113883.3.464.1003.101.12.1023',  -- Preventive Care Services Initial Office Visit, 18 and Up
    '2.16.840.1.113883.3.464.1003.101.12.1016',  -- Home Healthcare Services
    '2.16.840.1.113883.3.464.1003.101.12.1080',  -- Telephone Visits
    '2.16.840.1.113883.3.464.1003.101.12.1089')) -- Virtual Encounter
  AND to_date(lo) >= :period_start AND to_date(hi) <= :period_end
