-- "Has Most Recent Adult Screening Negative": the most recent adult screening is negative.
SELECT person_id, evidence_id, evidence_date, 'adult depression screening negative' AS evidence_detail
FROM cms2_most_recent_adult_depression_screening
WHERE array_contains(codings, 'value|http://snomed.info/sct|428171000124102') -- Depression screening negative
