-- "Most Recent Adolescent Depression Screening": the last of the screenings "Has Adolescent Depression Screening"
-- finds, sorted by the start of the effective time.
SELECT person_id, max_by(evidence_id, struct(lo, source_id)) AS evidence_id,
  max_by(evidence_date, struct(lo, source_id)) AS evidence_date,
  max_by(evidence_detail, struct(lo, source_id)) AS evidence_detail,
  max_by(source_id, struct(lo, source_id)) AS source_id, max(lo) AS lo,
  max_by(codings, struct(lo, source_id)) AS codings
FROM cms2_has_adolescent_depression_screening
GROUP BY person_id
