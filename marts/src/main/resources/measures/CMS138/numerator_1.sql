-- "Numerator 1": the most recent tobacco use screening identifies a tobacco non-user or user.
SELECT * FROM cms138_most_recent_tobacco_use_screening_indicates_tobacco_non_user
UNION ALL
SELECT * FROM cms138_most_recent_tobacco_use_screening_indicates_tobacco_user
