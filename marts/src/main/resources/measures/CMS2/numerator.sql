-- "Numerator": by age at the start of the measurement period, 12 to 16: the most recent adolescent screening is
-- negative, or positive with follow-up; 17: either the adolescent or the adult screening criteria; 18 and older: the
-- adult screening criteria.
WITH adolescent AS (
  SELECT * FROM cms2_has_most_recent_adolescent_screening_negative
  UNION ALL
  SELECT * FROM cms2_most_recent_adolescent_depression_screening_positive_and_follow_up_provided
), adult AS (
  SELECT * FROM cms2_has_most_recent_adult_screening_negative
  UNION ALL
  SELECT * FROM cms2_most_recent_adult_depression_screening_positive_and_follow_up_provided
)
SELECT a.* FROM adolescent a JOIN m_patient p ON p.person_id = a.person_id WHERE p.age_at_start BETWEEN 12 AND 17
UNION ALL
SELECT a.* FROM adult a JOIN m_patient p ON p.person_id = a.person_id WHERE p.age_at_start >= 17
