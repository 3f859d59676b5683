-- One row per person: birth date, sex and age in whole years at the start and end of the measurement period
-- (CQL AgeInYearsAt: the birthday counts on the day itself). Read from gold.dim_person, whose survivorship already
-- picked one value per attribute when a person has several source records.
SELECT
  person_id,
  birth_date,
  gender,
  deceased_datetime,
  year(:period_end) - year(birth_date)
    - IF(month(:period_end) * 100 + day(:period_end) < month(birth_date) * 100 + day(birth_date), 1, 0)
    AS age_at_end,
  year(:period_start) - year(birth_date)
    - IF(month(:period_start) * 100 + day(:period_start) < month(birth_date) * 100 + day(birth_date), 1, 0)
    AS age_at_start
FROM gold.dim_person
