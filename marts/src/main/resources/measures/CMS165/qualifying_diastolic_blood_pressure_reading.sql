-- "Qualifying Diastolic Blood Pressure Reading": final, amended or corrected blood pressure panels (the observation-bp
-- profile: category vital-signs, code 85354-9) whose latest time falls on a day of the measurement period and that
-- were not taken in an EMER, IMP, ACUTE, NONAC, PRENC or SS class encounter (a reading whose encounter does not
-- resolve qualifies: CQL's null in {...} is false). Carries what "Lowest Diastolic Reading on Most Recent Blood
-- Pressure Day" returns of it: the diastolic component's value (singleton from; null without one).
SELECT o.person_id, 'Observation/' || o.source_id AS evidence_id, o.latest AS evidence_date,
  'diastolic ' || coalesce(CAST(CAST(c.quantity AS DOUBLE) AS STRING) || ' ' || c.quantity_unit, 'missing')
    AS evidence_detail,
  o.source_id, o.latest, c.quantity, c.quantity_unit
FROM m_observation o
LEFT JOIN m_encounter e ON e.source_system = o.source_system AND e.source_id = o.encounter_id
LEFT JOIN (
  SELECT source_system, source_id, min_by(quantity, _row) AS quantity, min_by(quantity_unit, _row) AS quantity_unit
  FROM m_observation_component
  WHERE coding = 'http://loinc.org|8462-4' -- Diastolic blood pressure
  GROUP BY source_system, source_id
) c ON c.source_system = o.source_system AND c.source_id = o.source_id
WHERE o.is_final AND array_contains(o.categories, 'vital-signs')
  AND array_contains(o.codings, 'code|http://loinc.org|85354-9') -- Blood pressure panel
  AND coalesce(e.class_code NOT IN ('EMER', 'IMP', 'ACUTE', 'NONAC', 'PRENC', 'SS'), TRUE)
  AND to_date(o.latest) BETWEEN :period_start AND :period_end
