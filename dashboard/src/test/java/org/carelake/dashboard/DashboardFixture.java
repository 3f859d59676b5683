package org.carelake.dashboard;

import java.util.List;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.carelake.dashboard.auth.PasswordHasher;
import org.carelake.dashboard.auth.Role;
import org.carelake.dashboard.auth.User;
import org.carelake.dashboard.auth.UserStore;
import org.carelake.dashboard.data.GoldTables;

/**
 * A small gold layer written directly (no pipeline): three people, p1 and p2 attributed to org-a, p3 to org-b, with
 * open and closed gaps, evidence, risk scores, cohorts, identity links and lab values; twelve more org-b people
 * (q01..q12) in one cohort; rates by organization and practitioner; and three users, one per role.
 */
public final class DashboardFixture {
  public static final String PASSWORD = "correct horse battery staple";
  private static Lakehouse shared;

  private DashboardFixture() {}

  /** One fixture lakehouse per test JVM (the tests that write to it only add outreach and audit rows). */
  public static synchronized Lakehouse lakehouse() {
    if (shared == null) {
      shared = build("dashboard");
    }
    return shared;
  }

  public static Lakehouse build(String name) {
    Lakehouse lh = SharedSpark.freshLakehouse(name);
    lh.overwrite(GoldTables.DIM_PERSON, lh.sql("SELECT * FROM VALUES "
        + "('p1', 'Ada', 'Lovelace', DATE'1950-12-10', 'female', 'org-a', 'MRN1', 'ehr', 'src1', 1), "
        + "('p2', 'Alan', 'Turing', DATE'1962-06-23', 'male', 'org-a', 'MRN2', 'ehr', 'src2', 1), "
        + "('p3', 'Grace', 'Hopper', DATE'1946-12-09', 'female', 'org-b', 'MRN3', 'ehr', 'src3', 1) "
        + "AS t(person_id, given_name, family_name, birth_date, gender, managing_organization_id, mrn, "
        + "source_system, source_patient_id, source_records) "
        + "UNION ALL SELECT format_string('q%02d', id), 'Test', format_string('Person%02d', id), DATE'1970-01-01', "
        + "'other', 'org-b', NULL, 'ehr', format_string('srcq%02d', id), 1 FROM range(1, 13)"));
    lh.overwrite(GoldTables.MEASURE, lh.sql("SELECT * FROM VALUES "
        + "('CMS122', 'g1', 'Diabetes: HbA1c Poor Control', 'decrease'), "
        + "('CMS125', 'g1', 'Breast Cancer Screening', 'increase') "
        + "AS t(measure_id, group_id, title, improvement_notation)"));
    String cols = "AS t(measure_id, group_id, measure_title, period_start, period_end, person_id, status, reason, "
        + "last_event_id, last_event_date, due_date, practitioner_id, organization_id, attribution_rule)";
    lh.overwrite(GoldTables.CARE_GAP, lh.sql("SELECT * FROM VALUES "
        + "('CMS122', 'g1', 'Diabetes: HbA1c Poor Control', DATE'2025-01-01', DATE'2025-12-31', 'p1', 'open', "
        + "'in the numerator (inverse measure): HbA1c 10.1 %', 'obs-3', TIMESTAMP'2025-09-01 00:00:00', "
        + "DATE'2025-12-31', 'dr-1', 'org-a', 'general practitioner on the patient record'), "
        + "('CMS125', 'g1', 'Breast Cancer Screening', DATE'2025-01-01', DATE'2025-12-31', 'p1', 'open', "
        + "'not met: mammogram', NULL, NULL, DATE'2025-12-31', 'dr-1', 'org-a', 'rule'), "
        + "('CMS122', 'g1', 'Diabetes: HbA1c Poor Control', DATE'2025-01-01', DATE'2025-12-31', 'p2', 'open', "
        + "'not met: no HbA1c', NULL, NULL, DATE'2025-12-31', 'dr-2', 'org-a', 'rule'), "
        + "('CMS125', 'g1', 'Breast Cancer Screening', DATE'2025-01-01', DATE'2025-12-31', 'p3', 'open', "
        + "'not met: mammogram', NULL, NULL, DATE'2025-12-31', 'dr-3', 'org-b', 'rule'), "
        + "('CMS122', 'g1', 'Diabetes: HbA1c Poor Control', DATE'2025-01-01', DATE'2025-12-31', 'p3', 'closed', "
        + "'met: HbA1c 6.9 %', 'obs-9', TIMESTAMP'2025-03-01 00:00:00', NULL, 'dr-3', 'org-b', 'rule') " + cols));
    lh.overwrite(GoldTables.MEASURE_POPULATION, lh.sql("SELECT measure_id, group_id, DATE'2025-01-01' AS period_start, "
        + "DATE'2025-12-31' AS period_end, person_id, true AS initial_population, true AS denominator, "
        + "false AS denominator_exclusion, false AS denominator_exception, numerator, false AS numerator_exclusion, "
        + "evidence FROM VALUES "
        + "('CMS122', 'g1', 'p1', true, array(named_struct('population', 'numerator', 'resource', 'Observation/obs-3', "
        + "'date', TIMESTAMP'2025-09-01 00:00:00', 'detail', 'HbA1c 10.1 %'))), "
        + "('CMS125', 'g1', 'p1', false, array(named_struct('population', 'denominator', 'resource', 'Encounter/e1', "
        + "'date', TIMESTAMP'2025-02-01 00:00:00', 'detail', 'office visit'))), "
        + "('CMS122', 'g1', 'p2', false, CAST(array() AS ARRAY<STRUCT<population: STRING, resource: STRING, "
        + "date: TIMESTAMP, detail: STRING>>)), "
        + "('CMS122', 'g1', 'p3', false, array(named_struct('population', 'numerator', "
        + "'resource', 'Observation/obs-9', "
        + "'date', TIMESTAMP'2025-03-01 00:00:00', 'detail', 'HbA1c 6.9 %'))) "
        + "AS t(measure_id, group_id, person_id, numerator, evidence)"));
    lh.overwrite(GoldTables.MEASURE_RATE, lh.sql("SELECT measure_id, group_id, DATE'2025-01-01' AS period_start, "
        + "DATE'2025-12-31' AS period_end, unit_type, unit_id, 3L AS initial_population, den AS denominator, "
        + "0L AS denominator_exclusion, 0L AS denominator_exception, num AS numerator, 0L AS numerator_exclusion, "
        + "CAST(num / den AS DOUBLE) AS performance_rate FROM VALUES "
        + "('CMS122', 'g1', 'all', 'all', 3L, 2L), ('CMS122', 'g1', 'organization', 'org-a', 2L, 1L), "
        + "('CMS122', 'g1', 'organization', 'org-b', 1L, 1L), ('CMS122', 'g1', 'practitioner', 'dr-1', 1L, 1L), "
        + "('CMS122', 'g1', 'practitioner', 'dr-3', 1L, 1L), ('CMS125', 'g1', 'all', 'all', 14L, 7L), "
        + "('CMS125', 'g1', 'organization', 'org-a', 2L, 1L), ('CMS125', 'g1', 'organization', 'org-b', 12L, 6L), "
        + "('CMS125', 'g1', 'practitioner', 'dr-1', 2L, 1L), ('CMS125', 'g1', 'practitioner', 'dr-3', 12L, 9L) "
        + "AS t(measure_id, group_id, unit_type, unit_id, den, num)"));
    lh.overwrite(GoldTables.RISK_SCORE, lh.sql("SELECT person_id, model, score, score, array('HCC37'), "
        + "map('HCC37', 0.166D, 'F70-74', 0.395D), 'CNA', 1, DATE'2025-12-31' FROM VALUES "
        + "('p1', 'CMS-HCC-V28', 1.5D), ('p2', 'CMS-HCC-V28', 0.4D), ('p3', 'CMS-HCC-V28', 2.5D) "
        + "AS t(person_id, model, score)").toDF("person_id", "model", "score", "score_adjusted", "conditions",
        "components", "segment", "diagnoses", "as_of_date"));
    // p2 left uncontrolled-diabetes in November; twelve org-b people make a cohort large enough to show analysts.
    lh.overwrite(GoldTables.COHORT_MEMBERSHIP, lh.sql("SELECT * FROM VALUES "
        + "('uncontrolled-diabetes', 'p1', DATE'2025-12-31', CAST(NULL AS DATE), 'diabetes and open CMS122'), "
        + "('uncontrolled-diabetes', 'p2', DATE'2025-09-30', DATE'2025-11-30', 'diabetes and open CMS122'), "
        + "('high-risk', 'p3', DATE'2025-12-31', CAST(NULL AS DATE), 'HCC V28 >= 2.0') "
        + "AS t(cohort_id, person_id, entered_on, exited_on, reason) "
        + "UNION ALL SELECT 'frequent-ed', format_string('q%02d', id), IF(id <= 4, DATE'2025-10-31', "
        + "DATE'2025-12-31'), CAST(NULL AS DATE), '3+ ED visits' FROM range(1, 13)"));
    lh.overwrite(GoldTables.COHORT, lh.sql("SELECT cohort_id, title, 'fixture' AS description, 'all' AS match, "
        + "array('c: true') AS criteria, members, DATE'2025-12-31' AS as_of_date FROM VALUES "
        + "('uncontrolled-diabetes', 'Uncontrolled diabetes', 1L), ('high-risk', 'High risk', 1L), "
        + "('frequent-ed', 'Frequent ED use', 12L), ('no-members', 'Nobody yet', 0L) AS t(cohort_id, title, members)"));
    // p1 is two source records linked by the probabilistic model; one of p1's records awaits review against p3's.
    lh.overwrite(GoldTables.PERSON_MAP, lh.sql("SELECT * FROM VALUES ('ehr', 'src1', 'p1', 2L), "
        + "('lab', 'L-77', 'p1', 2L), ('ehr', 'src2', 'p2', 1L), ('ehr', 'src3', 'p3', 1L) "
        + "AS t(source_system, source_patient_id, person_id, cluster_size)"));
    lh.overwrite(GoldTables.SOURCE_PATIENT, lh.sql("SELECT * FROM VALUES ('ehr', 'src1', 'MRN1', 'p1'), "
        + "('lab', 'L-77', 'LAB-MRN-77', 'p1'), ('ehr', 'src2', 'MRN2', 'p2'), ('ehr', 'src3', 'MRN3', 'p3') "
        + "AS t(source_system, source_patient_id, mrn, person_id)"));
    lh.overwrite(GoldTables.IDENTITY_LINK, lh.sql("SELECT * FROM VALUES ('ehr', 'src1', 'lab', 'L-77', "
        + "'probabilistic', 'LINK', 17.25D, 0.99991D, CAST(NULL AS STRING), "
        + "'birth_date=exact(+9.1); family_name=exact(+7.2)', 'p1') AS t(source_system_a, source_patient_id_a, "
        + "source_system_b, source_patient_id_b, rule, decision, weight, probability, guard, evidence, person_id)"));
    lh.overwrite(GoldTables.IDENTITY_REVIEW, lh.sql("SELECT * FROM VALUES ('lab', 'L-77', 'ehr', 'src3', 3.5D, "
        + "0.71D, 'given name differs', 'birth_date=exact(+9.1); given_name=different(-4.0)', 'p1', 'p3') "
        + "AS t(source_system_a, source_patient_id_a, source_system_b, source_patient_id_b, weight, probability, "
        + "guard, evidence, person_id_a, person_id_b)"));
    lh.overwrite(GoldTables.TIMELINE, lh.sql("SELECT person_id, 'ehr' AS source_system, source_id, event_type, "
        + "start_time, CAST(NULL AS TIMESTAMP) AS end_time, 'http://loinc.org' AS code_system, code, description, "
        + "value, value_unit, 'final' AS status, 'silver.x' AS source_table FROM VALUES "
        + "('p1', 'c1', 'condition', TIMESTAMP'2019-05-01 00:00:00', '44054006', 'Diabetes mellitus type 2', "
        + "NULL, NULL), "
        + "('p1', 'm1', 'medication_request', TIMESTAMP'2024-01-10 00:00:00', '860975', 'Metformin 500 MG', NULL, "
        + "NULL), "
        + "('p1', 'o1', 'observation', TIMESTAMP'2025-01-05 00:00:00', '4548-4', 'Hemoglobin A1c', '8.2', '%'), "
        + "('p1', 'o2', 'observation', TIMESTAMP'2025-05-05 00:00:00', '4548-4', 'Hemoglobin A1c', '9.4', '%'), "
        + "('p1', 'o3', 'observation', TIMESTAMP'2025-09-01 00:00:00', '4548-4', 'Hemoglobin A1c', '10.1', '%'), "
        + "('p3', 'o9', 'observation', TIMESTAMP'2025-03-01 00:00:00', '4548-4', 'Hemoglobin A1c', '6.9', '%') "
        + "AS t(person_id, source_id, event_type, start_time, code, description, value, value_unit)"));
    UserStore users = new UserStore(lh);
    // Fewer rounds than the default keep the test fast; the count travels in the hash, so verify is unchanged.
    PasswordHasher h = new PasswordHasher(20_000);
    users.put(new User("carol", Role.CARE_MANAGER, List.of("org-a"), h.hash(PASSWORD.toCharArray()), false));
    users.put(new User("ann", Role.ANALYST, List.of(), h.hash(PASSWORD.toCharArray()), false));
    users.put(new User("root", Role.ADMIN, List.of(), h.hash(PASSWORD.toCharArray()), false));
    return lh;
  }
}
