-- Measure rates (whole population) that moved more than max_change (0.10 = ten percentage points) since the gates'
-- last successful run, for the same measure, group and period: a drift worth a look before anyone reports it.
-- category: drift
-- severity: warn
-- requires: gold.measure_rate
-- param: max_change = 0.10
SELECT c.measure_id, c.group_id, c.period_start, c.period_end, p.performance_rate AS previous_rate,
       c.performance_rate AS rate
FROM gold.measure_rate c
JOIN ${previous:gold.measure_rate} p
  ON p.measure_id = c.measure_id AND p.group_id = c.group_id AND p.period_start = c.period_start
  AND p.period_end = c.period_end AND p.unit_type = c.unit_type AND p.unit_id <=> c.unit_id
WHERE c.unit_type = 'all' AND abs(c.performance_rate - p.performance_rate) > ${max_change}
