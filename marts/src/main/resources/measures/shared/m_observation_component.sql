-- Observation.component (e.g. the systolic and diastolic parts of a blood pressure panel): one row per component,
-- its code as 'system|code' (the first coding; components are not in silver.coding) and its value as a CQL
-- Quantity (FHIRHelpers ToQuantity: UCUM or no unit system, unit = code, else unit, else '1'; a comparator or
-- another unit system gives no quantity). Read with the parent from m_observation (source_system, source_id).
SELECT c.*,
  c.code_system || '|' || c.code_code AS coding,
  IF(c.value_comparator IS NULL
       AND (c.value_unit_system IS NULL OR c.value_unit_system = 'http://unitsofmeasure.org'),
     c.value_quantity, NULL) AS quantity,
  IF(c.value_comparator IS NULL
       AND (c.value_unit_system IS NULL OR c.value_unit_system = 'http://unitsofmeasure.org'),
     coalesce(c.value_unit_code, c.value_unit, '1'), NULL) AS quantity_unit
FROM silver.observation_component c
