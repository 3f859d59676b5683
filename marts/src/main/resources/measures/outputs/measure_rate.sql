-- gold.measure_rate: population counts and the performance rate, numerator / (denominator - exclusions -
-- exceptions), per measure, group and period, for everyone (unit_type all), per attributed organization and per
-- attributed practitioner (measure_attribution: the rule is in docs/measures.md). A group evaluated for the period
-- with nobody in its initial population still has its 'all' row: zeros and no rate.
WITH mp AS (
  SELECT mp.*, coalesce(a.organization_id, 'unattributed') AS organization_id,
    coalesce(a.practitioner_id, 'unattributed') AS practitioner_id
  FROM period_population mp LEFT JOIN measure_attribution a ON a.person_id = mp.person_id
), counted AS (
  SELECT measure_id, group_id, period_start, period_end,
    CASE WHEN grouping(practitioner_id) = 0 THEN 'practitioner'
         WHEN grouping(organization_id) = 0 THEN 'organization' ELSE 'all' END AS unit_type,
    coalesce(IF(grouping(practitioner_id) = 0, practitioner_id, NULL),
             IF(grouping(organization_id) = 0, organization_id, NULL), 'all') AS unit_id,
    count_if(initial_population) AS initial_population,
    count_if(denominator) AS denominator,
    count_if(denominator_exclusion) AS denominator_exclusion,
    count_if(denominator_exception) AS denominator_exception,
    count_if(numerator) AS numerator,
    count_if(numerator_exclusion) AS numerator_exclusion
  FROM mp
  GROUP BY GROUPING SETS ((measure_id, group_id, period_start, period_end),
                          (measure_id, group_id, period_start, period_end, organization_id),
                          (measure_id, group_id, period_start, period_end, practitioner_id))
)
SELECT *,
  CAST((numerator - numerator_exclusion)
       / nullif(denominator - denominator_exclusion - denominator_exception, 0) AS DOUBLE) AS performance_rate
FROM counted
UNION ALL
SELECT m.measure_id, m.group_id, r.period_start, r.period_end, 'all', 'all', 0L, 0L, 0L, 0L, 0L, 0L,
  CAST(NULL AS DOUBLE)
FROM gold.measure m JOIN gold.measure_run r ON r.measure_id = m.measure_id
WHERE r.period_start = :period_start AND r.period_end = :period_end
  AND NOT EXISTS (SELECT 1 FROM counted c
                  WHERE c.measure_id = m.measure_id AND c.group_id = m.group_id AND c.unit_type = 'all')
