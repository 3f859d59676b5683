-- "Qualifying Encounter During Measurement Period": finished depression screening, physical therapy evaluation or
-- telephone encounters whose period lies within the measurement period's days. Keeps the period (lo, hi) for the
-- screening and follow-up timing.
SELECT person_id, 'Encounter/' || source_id AS evidence_id, lo AS evidence_date,
  'qualifying encounter' AS evidence_detail, source_id, lo, hi
FROM m_encounter
WHERE status = 'finished'
  AND arrays_overlap(code_vs, array(
    '2.16.840.1.113883.3.600.1916',              -- Encounter to Screen for Depression
    '2.16.840.1.113883.3.526.3.1022',            -- Physical Therapy Evaluation
    '2.16.840.1.113883.3.464.1003.101.12.1080')) -- Telephone Visits
  AND to_date(lo) >= :period_start AND to_date(hi) <= :period_end
