-- "Most Recent Adult Depression Screening Positive and Follow Up Provided": the most recent adult screening
-- is positive and starts 14 days or less on or before the day a qualifying encounter starts, and a follow-up either
-- started during that encounter or was authored 0 to 2 days after the day it ended, on a measurement period day.
SELECT DISTINCT s.person_id, f.evidence_id, f.evidence_date,
  'positive adult screening, follow-up: ' || f.evidence_detail AS evidence_detail
FROM cms2_most_recent_adult_depression_screening s
JOIN cms2_follow_up_intervention_for_positive_adult_depression_screening f ON f.person_id = s.person_id
JOIN cms2_qualifying_encounter_during_measurement_period q ON q.person_id = s.person_id
WHERE to_date(s.lo) BETWEEN date_sub(to_date(q.lo), 14) AND to_date(q.lo)
  AND array_contains(s.codings, 'value|http://snomed.info/sct|428181000124104') -- Depression screening positive
  AND ((f.performed_start >= q.lo AND f.performed_start <= q.hi)
    OR to_date(f.authored_on) BETWEEN to_date(q.hi) AND date_add(to_date(q.hi), 2))
  AND to_date(coalesce(f.performed_start, f.authored_on)) BETWEEN :period_start AND :period_end
