-- "First Two Years", "Date of First Birthday", "Date of Second Birthday" and the "Vaccine Administration Interval"s
-- (42 or 180 days up to 2 years old), per patient, as DATEs (all closed intervals of dates). Date + years keeps
-- the day, clamped to the month's end (29 February + 2 years = 28 February), as add_months does.
SELECT person_id, birth_date,
  add_months(birth_date, 12) AS date_of_first_birthday,
  add_months(birth_date, 24) AS date_of_second_birthday,
  date_add(birth_date, 42) AS day_42,
  date_add(birth_date, 180) AS day_180,
  date_add(birth_date, 7) AS day_7
FROM m_patient
WHERE birth_date IS NOT NULL
