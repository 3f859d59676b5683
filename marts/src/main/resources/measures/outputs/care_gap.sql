-- gold.care_gap: one row per person in a measure group's denominator for the period. open: the person still needs
-- the care the measure asks for (for an inverse measure such as CMS122, being in the numerator is the gap: poor
-- control); closed: met; excluded: a denominator exclusion or exception applies. The reason quotes the evidence
-- that decided; the last qualifying event is the latest numerator evidence; an open gap is due by the period end.
WITH mp AS (
  SELECT mp.*, m.title, m.improvement_notation = 'decrease' AS inverse, m.population_text
  FROM period_population mp
  JOIN gold.measure m ON m.measure_id = mp.measure_id AND m.group_id = mp.group_id
  WHERE mp.denominator
), decided AS (
  SELECT mp.*,
    CASE
      WHEN denominator_exclusion OR denominator_exception THEN 'excluded'
      WHEN inverse THEN IF(numerator, 'open', 'closed')
      ELSE IF(numerator, 'closed', 'open')
    END AS status,
    array_sort(filter(evidence, e -> e.population = 'numerator'),
               (a, b) -> CASE WHEN a.date IS NULL THEN -1 WHEN b.date IS NULL THEN 1
                              WHEN a.date < b.date THEN -1 WHEN a.date > b.date THEN 1 ELSE 0 END) AS numerator_evidence,
    filter(evidence, e -> e.population IN ('denominator_exclusion', 'denominator_exception')) AS exclusion_evidence
  FROM mp
)
SELECT measure_id, group_id, title AS measure_title, period_start, period_end, d.person_id, status,
  CASE
    WHEN status = 'excluded'
      THEN 'excluded: ' || coalesce(try_element_at(exclusion_evidence, 1).detail, 'denominator exclusion or exception')
    WHEN size(numerator_evidence) > 0
      THEN IF(status = 'open', 'in the numerator (inverse measure): ', 'met: ')
           || coalesce(try_element_at(numerator_evidence, -1).detail, 'numerator criteria')
    ELSE 'not met: ' || coalesce(population_text['numerator'], 'numerator criteria')
  END AS reason,
  try_element_at(numerator_evidence, -1).resource AS last_event_id,
  try_element_at(numerator_evidence, -1).date AS last_event_date,
  IF(status = 'open', period_end, NULL) AS due_date,
  a.practitioner_id, a.organization_id, a.attribution_rule
FROM decided d
LEFT JOIN measure_attribution a ON a.person_id = d.person_id
