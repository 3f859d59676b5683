-- "Numerator": cervical cytology within 3 years, or an HPV test within 5 years at age 30 or older.
SELECT * FROM cms124_cervical_cytology_within_3_years
UNION ALL
SELECT * FROM cms124_hpv_test_within_5_years_for_women_age_30_and_older
