-- "Numerator 2": tobacco cessation counseling given, pharmacotherapy ordered, or active pharmacotherapy.
SELECT * FROM cms138_tobacco_cessation_counseling_given
UNION ALL
SELECT * FROM cms138_tobacco_cessation_pharmacotherapy_ordered
UNION ALL
SELECT * FROM cms138_active_pharmacotherapy_for_tobacco_cessation
