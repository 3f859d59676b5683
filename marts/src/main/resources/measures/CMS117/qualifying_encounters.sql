-- "Qualifying Encounters": performed office, home health, preventive (0 to 17), CPT 99211, virtual and telephone
-- visits whose period lies within the measurement period's days.
SELECT person_id, 'Encounter/' || source_id AS evidence_id, lo AS evidence_date, 'qualifying visit' AS evidence_detail
FROM m_encounter
WHERE is_performed
  AND (arrays_overlap(code_vs, array(
      '2.16.840.1.113883.3.464.1003.101.12.1001',  -- Office Visit
      '2.16.840.1.113883.3.464.1003.101.12.1016',  -- Home Healthcare Services
      '2.16.840.1.113883.3.464.1003.101.12.1024',  -- Preventive Care, Established Office Visit, 0 to 17
      '2.16.840.1.113883.3.464.1003.101.12.1022',  -- Preventive Care Services, Initial Office Visit, 0 to 17
      '2.16.840.1.113883.3.464.1003.101.12.1089',  -- Virtual Encounter
      '2.16.840.1.113883.3.464.1003.101.12.1080')) -- Telephone Visits
    -- Office or other outpatient visit ... established patient that may not require ... a physician
    OR array_contains(codings, 'type|http://www.ama-assn.org/go/cpt|99211'))
  AND to_date(lo) >= :period_start AND to_date(hi) <= :period_end
