-- "Lowest Glycemic Status Assessment Reading on Most Recent Day": of the assessments on the most recent day, the
-- one with the lowest value (CQL sorts nulls first, so a reading without a value wins the tie).
WITH ranked AS (
  SELECT g.*, row_number() OVER (PARTITION BY person_id
                                 ORDER BY value_quantity ASC NULLS FIRST, source_id) AS rank_on_day
  FROM cms122_glycemic_status_assessment g
  WHERE to_date(latest) = (SELECT max(to_date(latest)) FROM cms122_glycemic_status_assessment m
                           WHERE m.person_id = g.person_id)
)
SELECT * EXCEPT (rank_on_day) FROM ranked WHERE rank_on_day = 1
