-- The condition-based definitions, one row per matching condition labelled with its define: the "Has ..."
-- exclusions, the "... Numerator Inclusion Conditions" and the Measles, Mumps and Rubella "Indicators". Each is a
-- [Condition: value set or code] (no status filter) whose prevalenceInterval() starts on a day of "First Two Years".
WITH spec (define_name, value_set, coding) AS (
  VALUES
    ('Has Severe Combined Immunodeficiency', '2.16.840.1.113883.3.464.1003.120.12.1007', NULL),
      -- Severe Combined Immunodeficiency
    ('Has Immunodeficiency', '2.16.840.1.113883.3.464.1003.120.12.1001', NULL), -- Disorders of the Immune System
    ('Has HIV', '2.16.840.1.113883.3.464.1003.120.12.1003', NULL), -- HIV
    ('Has Lymphoreticular Cancer, Multiple Myeloma or Leukemia', '2.16.840.1.113883.3.464.1003.108.12.1009', NULL),
      -- Malignant Neoplasm of Lymphatic and Hematopoietic Tissue
    ('Has Intussusception', '2.16.840.1.113883.3.464.1003.199.12.1056', NULL), -- Intussusception
    ('DTaP Numerator Inclusion Conditions', '2.16.840.1.113883.3.464.1003.199.12.1031', NULL),
      -- Anaphylactic Reaction to DTaP Vaccine
    ('DTaP Numerator Inclusion Conditions', '2.16.840.1.113883.3.464.1003.1164', NULL),
      -- Encephalitis Due to Diphtheria, Tetanus or Pertussis Vaccine
    ('Polio Numerator Inclusion Conditions', NULL, 'code|http://snomed.info/sct|471321000124106'),
      -- Anaphylaxis caused by vaccine product containing human poliovirus antigen
    ('MMR Numerator Inclusion Conditions', NULL, 'code|http://snomed.info/sct|471331000124109'),
      -- Anaphylaxis caused by vaccine product containing Measles, Mumps and Rubella antigens
    ('Measles Indicators', '2.16.840.1.113883.3.464.1003.110.12.1053', NULL), -- Measles
    ('Mumps Indicators', '2.16.840.1.113883.3.464.1003.110.12.1032', NULL), -- Mumps
    ('Rubella Indicators', '2.16.840.1.113883.3.464.1003.110.12.1037', NULL), -- Rubella
    ('Hib Numerator Inclusion Conditions', NULL, 'code|http://snomed.info/sct|433621000124101'),
      -- Anaphylaxis caused by vaccine product containing only Haemophilus influenzae type b antigen
    ('Hepatitis B Numerator Inclusion Conditions', NULL, 'code|http://snomed.info/sct|428321000124101'),
      -- Anaphylaxis caused by vaccine product containing Hepatitis B virus antigen
    ('Hepatitis B Numerator Inclusion Conditions', '2.16.840.1.113883.3.464.1003.110.12.1025', NULL), -- Hepatitis B
    ('Varicella Zoster Numerator Inclusion Conditions', '2.16.840.1.113883.3.464.1003.110.12.1039', NULL),
      -- Varicella Zoster
    ('Varicella Zoster Numerator Inclusion Conditions', NULL, 'code|http://snomed.info/sct|471341000124104'),
      -- Anaphylaxis caused by vaccine containing Human alphaherpesvirus 3 antigen
    ('Pneumococcal Conjugate Numerator Inclusion Conditions', NULL, 'code|http://snomed.info/sct|471141000124102'),
      -- Anaphylaxis caused by vaccine product containing Streptococcus pneumoniae antigen
    ('Hepatitis A Numerator Inclusion Conditions', '2.16.840.1.113883.3.464.1003.110.12.1024', NULL), -- Hepatitis A
    ('Hepatitis A Numerator Inclusion Conditions', NULL, 'code|http://snomed.info/sct|471311000124103'),
      -- Anaphylaxis caused by vaccine product containing Hepatitis A virus antigen
    ('Rotavirus Numerator Inclusion Conditions', NULL, 'code|http://snomed.info/sct|428331000124103'),
      -- Anaphylaxis due to rotavirus vaccine
    ('Influenza Numerator Inclusion Conditions', NULL, 'code|http://snomed.info/sct|471361000124100')
      -- Anaphylaxis caused by vaccine product containing Influenza virus antigen
)
SELECT DISTINCT c.person_id, s.define_name, 'Condition/' || c.source_id AS evidence_id, c.lo AS evidence_date,
  CASE
    WHEN s.define_name LIKE 'Has %' THEN substr(s.define_name, 5) || ' diagnosis'
    WHEN s.define_name LIKE '% Indicators' THEN replace(s.define_name, ' Indicators', '') || ' diagnosis'
    ELSE 'condition in lieu of ' || replace(s.define_name, ' Numerator Inclusion Conditions', '') || ' vaccination'
  END AS evidence_detail
FROM m_condition c
JOIN spec s ON array_contains(c.code_vs, s.value_set) OR array_contains(c.codings, s.coding)
JOIN cms117_vaccine_administration_intervals v ON v.person_id = c.person_id
WHERE to_date(c.lo) BETWEEN v.birth_date AND v.date_of_second_birthday
