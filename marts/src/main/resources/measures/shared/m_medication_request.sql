-- Medication requests (CQL [MedicationRequest: medication in ...]): the value sets of the medication, whether coded
-- on the request or on the Medication it references (code_vs); CumulativeMedicationDuration's
-- medicationRequestPeriod() as (lo, hi) (DATEs as timestamps): from the bounds start, else authoredOn, else the
-- validity start, for the days supplied (expected supply duration, else quantity / (dose x doses per day)) times
-- (1 + refills); else to the bounds end; else no interval. Status.isMedicationActive (active order) and
-- isMedicationOrder (active or completed order).
WITH vs AS (
  -- Two equi-joins, not one join with OR: an OR condition leaves only source_system to hash on.
  SELECT source_system, source_id,
    collect_set(IF(element IN ('medication', 'code'), value_set, NULL)) AS code_vs,
    collect_set(element || '|' || value_set) AS element_vs
  FROM (
    SELECT source_system, source_id, element, value_set FROM m_coded WHERE resource_type = 'MedicationRequest'
    UNION ALL
    SELECT r.source_system, r.source_id, m.element, m.value_set
    FROM silver.medication_request r
    JOIN m_coded m ON m.source_system = r.source_system AND m.source_id = r.medication_id
    WHERE m.resource_type = 'Medication' AND m.element = 'code'
  )
  GROUP BY source_system, source_id
), codings AS (
  SELECT source_system, source_id, collect_set(element || '|' || system || '|' || code) AS codings
  FROM silver.coding WHERE resource_type = 'MedicationRequest' GROUP BY source_system, source_id
), supply AS (
  SELECT r.*,
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
)
SELECT s.*,
  coalesce(vs.code_vs, array()) AS code_vs,
  coalesce(vs.element_vs, array()) AS element_vs,
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
LEFT JOIN vs ON vs.source_system = s.source_system AND vs.source_id = s.source_id
LEFT JOIN codings ON codings.source_system = s.source_system AND codings.source_id = s.source_id
