-- "Denominator 2": the initial population whose most recent tobacco use screening identifies a tobacco user.
SELECT u.*
FROM cms138_most_recent_tobacco_use_screening_indicates_tobacco_user u
WHERE EXISTS (SELECT 1 FROM cms138_initial_population i WHERE i.person_id = u.person_id)
