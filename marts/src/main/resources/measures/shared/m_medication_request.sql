-- Medication requests (CQL [MedicationRequest: medication in ...]): the value sets of the medication, whether coded
-- on the request or on the Medication it references (code_vs); CumulativeMedicationDuration's
-- medicationRequestPeriod() as (lo, hi) (DATEs as timestamps): from the bounds start, else authoredOn, else the
-- validity start, for the days supplied (expected supply duration, else quantity / (dose x doses per day)) times
-- (1 + refills); else to the bounds end; else no interval. Status.isMedicationActive (active order) and
-- isMedicationOrder (active or completed order).
WITH codings AS (
  SELECT source_system, source_id, codings FROM m_direct_coded WHERE resource_type = 'MedicationRequest'
), supply AS (
  SELECT r.*,
    -- The request's own value sets plus those of the code of the Medication it references (two equi-joins, not one
    -- join with OR, which would leave only source_system to hash on).
    array_union(coalesce(q.element_vs, array()), filter(coalesce(m.element_vs, array()), x -> startswith(x, 'code|')))
      AS element_vs,
    coalesce(to_date(r.dosage_bounds_start), to_date(r.authored_on), to_date(r.dispense_validity_start)) AS start_date,
    coalesce(
      CASE r.dispense_supply_duration_unit
        WHEN 'd' THEN r.dispense_supply_duration WHEN 'day' THEN r.dispense_supply_duration
        WHEN 'days' THEN r.dispense_supply_duration
        WHEN 'wk' THEN r.dispense_supply_duration * 7 WHEN 'week' THEN r.dispense_supply_duration * 7
        WHEN 'weeks' THEN r.dispense_supply_duration * 7
        WHEN 'mo' THEN r.dispense_supply_duration * 30.4375 WHEN 'a' THEN r.dispense_supply_duration * 365.25
        WHEN 'h' THEN r.dispense_supply_duration / 24
      END,
      r.dispense_quantity / (coalesce(r.dosage_dose_range_high, r.dosage_dose_quantity) * coalesce(
        coalesce(r.dosage_timing_frequency_max, r.dosage_timing_frequency) * (24.0 / r.dosage_timing_period) /
          CASE r.dosage_timing_period_unit
            WHEN 'h' THEN 1 WHEN 'hour' THEN 1 WHEN 'hours' THEN 1
            WHEN 'min' THEN 1.0 / 60 WHEN 'minute' THEN 1.0 / 60 WHEN 'minutes' THEN 1.0 / 60
            WHEN 's' THEN 1.0 / 3600 WHEN 'second' THEN 1.0 / 3600 WHEN 'seconds' THEN 1.0 / 3600
            WHEN 'd' THEN 24 WHEN 'day' THEN 24 WHEN 'days' THEN 24
            WHEN 'wk' THEN 24 * 7 WHEN 'week' THEN 24 * 7 WHEN 'weeks' THEN 24 * 7
            WHEN 'mo' THEN 24 * 30 WHEN 'month' THEN 24 * 30 WHEN 'months' THEN 24 * 30
            WHEN 'a' THEN 24 * 365 WHEN 'year' THEN 24 * 365 WHEN 'years' THEN 24 * 365
          END,
        size(coalesce(r.dosage_timing_time_of_day, array())), 1.0))
    ) * (1 + coalesce(r.dispense_number_of_repeats, 0)) AS days_supplied
  FROM silver.medication_request r
  LEFT JOIN m_coded q
    ON q.resource_type = 'MedicationRequest' AND q.source_system = r.source_system AND q.source_id = r.source_id
  LEFT JOIN m_coded m
    ON m.resource_type = 'Medication' AND m.source_system = r.source_system AND m.source_id = r.medication_id
)
SELECT s.*,
  transform(filter(s.element_vs, x -> startswith(x, 'medication|') OR startswith(x, 'code|')),
            x -> substr(x, instr(x, '|') + 1)) AS code_vs,
  coalesce(codings.codings, array()) AS codings,
  IF(s.start_date IS NOT NULL AND (s.days_supplied IS NOT NULL OR s.dosage_bounds_end IS NOT NULL),
     CAST(s.start_date AS TIMESTAMP), NULL) AS lo,
  CASE
    WHEN s.start_date IS NOT NULL AND s.days_supplied IS NOT NULL
      THEN CAST(date_add(s.start_date, CAST(s.days_supplied - 1 AS INT)) AS TIMESTAMP)
    WHEN s.start_date IS NOT NULL AND s.dosage_bounds_end IS NOT NULL
      THEN CAST(to_date(s.dosage_bounds_end) AS TIMESTAMP)
  END AS hi,
  s.status = 'active' AND s.intent = 'order' AS is_active,
  s.status IN ('active', 'completed') AND s.intent = 'order' AS is_order
FROM supply s
LEFT JOIN codings ON codings.source_system = s.source_system AND codings.source_id = s.source_id
