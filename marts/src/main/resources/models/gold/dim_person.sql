-- gold.dim_person: one row per person, the cluster of source patients identity resolution linked (person_id of
-- silver.patient, set by the identity task; without it, one person per source patient). Survivorship: each
-- attribute comes from the most trusted source that has it (source_trust(), configured by
-- spark.carelake.identity.sourceTrust, every source 0 by default), then the most recent record: recency is
-- meta.lastUpdated, then the ingest batch, so records without lastUpdated (common in bulk exports) still count,
-- and a newer record's missing value does not erase an older one's.
WITH ranked AS (
  SELECT *, struct(source_trust(source_system) AS trust, last_updated IS NOT NULL AS has_updated, last_updated,
                   _batch_id, source_system, source_patient_id) AS recency
  FROM silver.patient
)
SELECT
  person_id,
  max_by(source_system, recency)                                                    AS source_system,
  max_by(source_patient_id, recency)                                                AS source_patient_id,
  count(*)                                                                          AS source_records,
  max_by(given, IF(given IS NULL, NULL, recency))                                   AS given_name,
  max_by(family, IF(family IS NULL, NULL, recency))                                 AS family_name,
  max_by(birth_date, IF(birth_date IS NULL, NULL, recency))                         AS birth_date,
  max_by(gender, IF(gender IS NULL, NULL, recency))                                 AS gender,
  max_by(coalesce(deceased_boolean, deceased_datetime IS NOT NULL), recency)        AS deceased,
  max_by(deceased_datetime, IF(deceased_datetime IS NULL, NULL, recency))           AS deceased_datetime,
  max_by(race_code, IF(race_code IS NULL, NULL, recency))                           AS race_code,
  max_by(race_display, IF(race_code IS NULL, NULL, recency))                        AS race_display,
  max_by(ethnicity_code, IF(ethnicity_code IS NULL, NULL, recency))                 AS ethnicity_code,
  max_by(ethnicity_display, IF(ethnicity_code IS NULL, NULL, recency))              AS ethnicity_display,
  max_by(address_line, IF(address_line IS NULL AND address_city IS NULL, NULL, recency))        AS address_line,
  max_by(address_city, IF(address_line IS NULL AND address_city IS NULL, NULL, recency))        AS address_city,
  max_by(address_state, IF(address_line IS NULL AND address_city IS NULL, NULL, recency))       AS address_state,
  max_by(address_postal_code, IF(address_line IS NULL AND address_city IS NULL, NULL, recency)) AS address_postal_code,
  max_by(phone, IF(phone IS NULL, NULL, recency))                                   AS phone,
  max_by(mrn, IF(mrn IS NULL, NULL, recency))                                       AS mrn,
  max_by(managing_organization_id, IF(managing_organization_id IS NULL, NULL, recency)) AS managing_organization_id,
  max(last_updated)                                                                 AS last_updated
FROM ranked
GROUP BY person_id
