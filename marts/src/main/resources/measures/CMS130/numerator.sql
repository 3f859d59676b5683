-- "Numerator": FOBT, stool DNA with FIT, flexible sigmoidoscopy, CT colonography or colonoscopy in its window.
SELECT * FROM cms130_fecal_occult_blood_test_performed
UNION ALL
SELECT * FROM cms130_stool_dna_with_fit_test_performed
UNION ALL
SELECT * FROM cms130_flexible_sigmoidoscopy_performed
UNION ALL
SELECT * FROM cms130_ct_colonography_performed
UNION ALL
SELECT * FROM cms130_colonoscopy_performed
