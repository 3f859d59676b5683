-- Coded elements of the last silver build whose share of invalid or unmapped codes is above the limit (elements with
-- at least min_codes codes): a feed started sending a new local code system, or a map is missing.
-- category: code status
-- severity: warn
-- requires: ops.dq_metrics
-- param: min_codes = 100
-- param: max_invalid_share = 0.02
-- param: max_unmapped_share = 0.5
SELECT table_name, element, codes, round(invalid_share, 4) AS invalid_share,
       round(unmapped_share, 4) AS unmapped_share
FROM ops.dq_metrics
WHERE run_id = (SELECT max_by(run_id, measured_at) FROM ops.dq_metrics)
  AND codes >= ${min_codes}
  AND (invalid_share > ${max_invalid_share} OR unmapped_share > ${max_unmapped_share})
