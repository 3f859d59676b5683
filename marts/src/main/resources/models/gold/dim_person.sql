-- gold.dim_person: one row per person. Until identity resolution links records across sources, a person is one
-- source patient (person_id = PersonIds of source system + patient id); with several records per person the most
-- recently updated one supplies each attribute (survivorship).
SELECT
  person_id,
  max_by(source_system, last_updated)             AS source_system,
  max_by(source_patient_id, last_updated)         AS source_patient_id,
  count(*)                                        AS source_records,
  max_by(given, last_updated)                     AS given_name,
  max_by(family, last_updated)                    AS family_name,
  max_by(birth_date, last_updated)                AS birth_date,
  max_by(gender, last_updated)                    AS gender,
  max_by(coalesce(deceased_boolean, deceased_datetime IS NOT NULL), last_updated) AS deceased,
  max_by(deceased_datetime, last_updated)         AS deceased_datetime,
  max_by(race_code, last_updated)                 AS race_code,
  max_by(race_display, last_updated)              AS race_display,
  max_by(ethnicity_code, last_updated)            AS ethnicity_code,
  max_by(ethnicity_display, last_updated)         AS ethnicity_display,
  max_by(address_line, last_updated)              AS address_line,
  max_by(address_city, last_updated)              AS address_city,
  max_by(address_state, last_updated)             AS address_state,
  max_by(address_postal_code, last_updated)       AS address_postal_code,
  max_by(phone, last_updated)                     AS phone,
  max_by(mrn, last_updated)                       AS mrn,
  max_by(managing_organization_id, last_updated)  AS managing_organization_id,
  max(last_updated)                               AS last_updated
FROM silver.patient
GROUP BY person_id
