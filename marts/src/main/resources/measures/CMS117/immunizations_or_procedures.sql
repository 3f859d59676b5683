-- The administration-date definitions, one row per administered immunization or performed procedure labelled with the
-- vaccine of its define ("DTaP Immunizations or Procedures", "Polio ...", "One MMR Vaccination", "Hib 3 Dose ...", "Hib
-- 4 Dose ...", "Hepatitis B ...", "NewBorn Vaccine Requirement", "One Chicken Pox Vaccination", "Pneumococcal Conjugate
-- ...", "One Hepatitis A Vaccinations", "Rotavirus 2 Dose ...", "Rotavirus 3 Dose ...", "Influenza ...", "LAIV
-- Vaccinations"): the date of its earliest() time when that date lies in the define's interval. The CQL returns the
-- dates (a union, so distinct); the counting models count distinct admin_date.
WITH spec (vaccine, resource_type, value_set, coding, span) AS (
  VALUES
    ('DTaP', 'Immunization', '2.16.840.1.113883.3.464.1003.196.12.1214', NULL, '42d'), -- DTaP Vaccine
    ('DTaP', 'Procedure', '2.16.840.1.113883.3.464.1003.110.12.1022', NULL, '42d'), -- DTaP Vaccine Administered
    ('Polio', 'Immunization', '2.16.840.1.113883.3.464.1003.196.12.1219', NULL, '42d'),
      -- Inactivated Polio Vaccine (IPV)
    ('Polio', 'Procedure', '2.16.840.1.113883.3.464.1003.110.12.1045', NULL, '42d'),
      -- Inactivated Polio Vaccine (IPV) Administered
    ('MMR', 'Immunization', '2.16.840.1.113883.3.464.1003.196.12.1224', NULL, 'year2'),
      -- Measles, Mumps and Rubella (MMR) Vaccine
    ('MMR', 'Procedure', '2.16.840.1.113883.3.464.1003.110.12.1031', NULL, 'year2'),
      -- Measles, Mumps and Rubella (MMR) Vaccine Administered
    ('Hib 3 Dose', 'Immunization', '2.16.840.1.113883.3.464.1003.110.12.1083', NULL, '42d'),
      -- Hib Vaccine (3 dose schedule)
    ('Hib 3 Dose', 'Procedure', '2.16.840.1.113883.3.464.1003.110.12.1084', NULL, '42d'),
      -- Hib Vaccine (3 dose schedule) Administered
    ('Hib 4 Dose', 'Immunization', '2.16.840.1.113883.3.464.1003.110.12.1085', NULL, '42d'),
      -- Hib Vaccine (4 dose schedule)
    ('Hib 4 Dose', 'Procedure', '2.16.840.1.113883.3.464.1003.110.12.1086', NULL, '42d'),
      -- Hib Vaccine (4 dose schedule) Administered
    ('Hepatitis B', 'Immunization', '2.16.840.1.113883.3.464.1003.196.12.1216', NULL, 'years0-2'),
      -- Hepatitis B Vaccine
    ('Hepatitis B', 'Procedure', '2.16.840.1.113883.3.464.1003.110.12.1042', NULL, 'years0-2'),
      -- Hepatitis B Vaccine Administered
    ('NewBorn', 'Procedure', NULL, 'code|http://www.cms.gov/Medicare/Coding/ICD10|3E0234Z', 'week1'),
      -- Introduction of Serum, Toxoid and Vaccine into Muscle, Percutaneous Approach
    ('Varicella Zoster', 'Immunization', '2.16.840.1.113883.3.464.1003.196.12.1170', NULL, 'year2'),
      -- Varicella Zoster Vaccine (VZV)
    ('Varicella Zoster', 'Procedure', '2.16.840.1.113883.3.464.1003.110.12.1040', NULL, 'year2'),
      -- Varicella Zoster Vaccine (VZV) Administered
    ('Pneumococcal Conjugate', 'Immunization', '2.16.840.1.113883.3.464.1003.196.12.1221', NULL, '42d'),
      -- Pneumococcal Conjugate Vaccine
    ('Pneumococcal Conjugate', 'Procedure', '2.16.840.1.113883.3.464.1003.110.12.1046', NULL, '42d'),
      -- Pneumococcal Conjugate Vaccine Administered
    ('Hepatitis A', 'Immunization', '2.16.840.1.113883.3.464.1003.196.12.1215', NULL, 'year2'),
      -- Hepatitis A Vaccine
    ('Hepatitis A', 'Procedure', '2.16.840.1.113883.3.464.1003.110.12.1041', NULL, 'year2'),
      -- Hepatitis A Vaccine Administered
    ('Rotavirus 2 Dose', 'Immunization', NULL, 'vaccine_code|http://hl7.org/fhir/sid/cvx|119', '42d'),
      -- rotavirus, live, monovalent vaccine
    ('Rotavirus 2 Dose', 'Procedure', '2.16.840.1.113883.3.464.1003.110.12.1048', NULL, '42d'),
      -- Rotavirus Vaccine (2 dose schedule) Administered
    ('Rotavirus 3 Dose', 'Immunization', '2.16.840.1.113883.3.464.1003.196.12.1223', NULL, '42d'),
      -- Rotavirus Vaccine (3 dose schedule)
    ('Rotavirus 3 Dose', 'Procedure', '2.16.840.1.113883.3.464.1003.110.12.1047', NULL, '42d'),
      -- Rotavirus Vaccine (3 dose schedule) Administered
    ('Influenza', 'Immunization', '2.16.840.1.113883.3.464.1003.196.12.1218', NULL, '42d'),
      -- Child Influenza Vaccine
    ('Influenza', 'Procedure', '2.16.840.1.113883.3.464.1003.110.12.1044', NULL, '180d'),
      -- Child Influenza Vaccine Administered
    ('LAIV', 'Immunization', '2.16.840.1.113883.3.464.1003.110.12.1087', NULL, 'birthday2'),
      -- Influenza Virus LAIV Vaccine
    ('LAIV', 'Procedure', '2.16.840.1.113883.3.464.1003.110.12.1088', NULL, 'birthday2')
      -- Influenza Virus LAIV Vaccine Administered
), given AS (
  SELECT person_id, 'Immunization' AS resource_type, source_id, code_vs, codings, lo AS earliest
  FROM m_immunization WHERE is_administered
  UNION ALL
  SELECT person_id, 'Procedure', source_id, code_vs, codings, earliest
  FROM m_procedure WHERE is_performed
), dated AS (
  SELECT g.person_id, s.vaccine, to_date(g.earliest) AS admin_date, g.resource_type || '/' || g.source_id
    AS evidence_id, g.earliest AS evidence_date,
    CASE s.span
      WHEN '42d' THEN v.day_42 WHEN '180d' THEN v.day_180 WHEN 'year2' THEN v.date_of_first_birthday
      WHEN 'years0-2' THEN v.birth_date WHEN 'week1' THEN v.birth_date WHEN 'birthday2' THEN v.date_of_second_birthday
    END AS window_start,
    IF(s.span = 'week1', v.day_7, v.date_of_second_birthday) AS window_end
  FROM given g
  JOIN spec s ON s.resource_type = g.resource_type
    AND (array_contains(g.code_vs, s.value_set) OR array_contains(g.codings, s.coding))
  JOIN cms117_vaccine_administration_intervals v ON v.person_id = g.person_id
)
SELECT DISTINCT person_id, vaccine, admin_date, evidence_id, evidence_date,
  vaccine || ' vaccination' AS evidence_detail
FROM dated
WHERE admin_date BETWEEN window_start AND window_end
