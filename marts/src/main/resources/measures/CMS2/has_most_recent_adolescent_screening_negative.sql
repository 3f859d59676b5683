-- "Has Most Recent Adolescent Screening Negative": the most recent adolescent screening is negative.
SELECT person_id, evidence_id, evidence_date, 'adolescent depression screening negative' AS evidence_detail
FROM cms2_most_recent_adolescent_depression_screening
WHERE array_contains(codings, 'value|http://snomed.info/sct|428171000124102') -- Depression screening negative
