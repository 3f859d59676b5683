-- "Numerator 3": the most recent screening identifies a non-user, or identifies a user who received a cessation
-- intervention (Numerator 2's criteria).
SELECT * FROM cms138_most_recent_tobacco_use_screening_indicates_tobacco_non_user
UNION ALL
SELECT n.*
FROM cms138_numerator_2 n
WHERE EXISTS (SELECT 1 FROM cms138_most_recent_tobacco_use_screening_indicates_tobacco_user u
              WHERE u.person_id = n.person_id)
