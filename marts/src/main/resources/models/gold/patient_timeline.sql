-- gold.patient_timeline: every clinical event of every person, one row per event, in one shape: what happened
-- (event_type, code, description), when (start_time, end_time), its value, status, and where it came from.
WITH events AS (
  SELECT person_id, source_system, source_id, 'encounter' AS event_type, period_start AS start_time,
         period_end AS end_time, type_system AS code_system, type_code AS code,
         coalesce(type_display, type_text, class_display) AS description, CAST(NULL AS STRING) AS value,
         CAST(NULL AS STRING) AS value_unit, status, 'silver.encounter' AS source_table
  FROM silver.encounter
  UNION ALL
  SELECT person_id, source_system, source_id, 'condition', coalesce(onset_datetime, onset_period_start, recorded_date),
         coalesce(abatement_datetime, abatement_period_end), code_system, code_code, coalesce(code_display, code_text),
         NULL, NULL, clinical_status, 'silver.condition'
  FROM silver.condition
  UNION ALL
  SELECT person_id, source_system, source_id, 'observation',
         coalesce(effective_datetime, effective_period_start, effective_instant, issued), effective_period_end,
         code_system, code_code, coalesce(code_display, code_text),
         coalesce(CAST(value_quantity AS STRING), value_code_display, value_code, value_string,
                  CAST(value_boolean AS STRING), CAST(value_integer AS STRING), CAST(value_datetime AS STRING)),
         coalesce(value_unit, value_unit_code), status, 'silver.observation'
  FROM silver.observation
  UNION ALL
  SELECT person_id, source_system, source_id, 'procedure', coalesce(performed_datetime, performed_period_start, recorded),
         performed_period_end, code_system, code_code, coalesce(code_display, code_text), NULL, NULL, status,
         'silver.procedure'
  FROM silver.procedure
  UNION ALL
  SELECT person_id, source_system, source_id, 'medication_request', authored_on, dispense_validity_end,
         medication_system, medication_code, coalesce(medication_display, medication_text), NULL, NULL, status,
         'silver.medication_request'
  FROM silver.medication_request
  UNION ALL
  SELECT person_id, source_system, source_id, 'immunization', coalesce(occurrence_datetime, recorded), NULL,
         vaccine_code_system, vaccine_code_code, coalesce(vaccine_code_display, vaccine_code_text), NULL, NULL, status,
         'silver.immunization'
  FROM silver.immunization
  UNION ALL
  SELECT person_id, source_system, source_id, 'allergy', coalesce(onset_datetime, onset_period_start, recorded_date),
         NULL, code_system, code_code, coalesce(code_display, code_text), NULL, NULL, clinical_status,
         'silver.allergy'
  FROM silver.allergy
  UNION ALL
  SELECT person_id, source_system, source_id, 'diagnostic_report',
         coalesce(effective_datetime, effective_period_start, issued), effective_period_end, code_system, code_code,
         coalesce(code_display, code_text), NULL, NULL, status, 'silver.diagnostic_report'
  FROM silver.diagnostic_report
)
SELECT * FROM events WHERE person_id IS NOT NULL
