-- "Qualifying Visit During Measurement Period": performed office-based encounters (health behavior assessment or
-- intervention by CPT code, or one of the visit value sets) whose period lies within the measurement period's days.
SELECT person_id, 'Encounter/' || source_id AS evidence_id, lo AS evidence_date, 'office-based visit' AS evidence_detail
FROM m_encounter
WHERE is_performed
  AND (array_contains(codings, 'type|http://www.ama-assn.org/go/cpt|96158') -- Health behavior intervention
    OR array_contains(codings, 'type|http://www.ama-assn.org/go/cpt|96156') -- Health behavior assessment
    OR arrays_overlap(code_vs, array(
      '2.16.840.1.113883.3.464.1003.101.12.1016',  -- Home Healthcare Services
      '2.16.840.1.113883.3.526.3.1011',            -- Occupational Therapy Evaluation
      '2.16.840.1.113883.3.464.1003.101.12.1001',  -- Office Visit
      '2.16.840.1.113883.3.526.3.1285',            -- Ophthalmological Services
      '2.16.840.1.113883.3.526.3.1022',            -- Physical Therapy Evaluation
      '2.16.840.1.113883.3.526.3.1492',            -- Psych Visit Diagnostic Evaluation
      '2.16.840.1.113883.3.526.3.1496',            -- Psych Visit Psychotherapy
      '2.16.840.1.113883.3.526.3.1141',            -- Psychoanalysis
      '2.16.840.1.113883.3.526.3.1530',            -- Speech and Hearing Evaluation
      '2.16.840.1.113883.3.464.1003.101.12.1080',  -- Telephone Visits
      '2.16.840.1.113883.3.464.1003.101.12.1089'))) -- Virtual Encounter
  AND to_date(lo) >= :period_start AND to_date(hi) <= :period_end
