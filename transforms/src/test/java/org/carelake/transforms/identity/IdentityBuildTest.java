package org.carelake.transforms.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identity task on a small silver fixture holding the traps of issue 6: each pair of source patients below is
 * one person or two, and the test checks the person_ids the task gave them in silver.patient, what it sent to
 * review, and that silver.condition follows silver.patient. Overrides come from a CSV file.
 */
class IdentityBuildTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static Lakehouse lh;
  private static IdentityBuild.Result result;
  private static final Map<String, String> PERSON = new HashMap<>();

  @TempDir
  static Path tmp;

  @BeforeAll
  static void resolve() throws Exception {
    lh = SharedSpark.freshLakehouse("identity-build");
    SilverPatients s = new SilverPatients()
        // The same woman in the EHR and the lab, address and phone written differently.
        .patient("ehr", "E1", "Katherine", "Morales", "1984-03-07", "female", "(217) 555-0143",
            "kmorales84@example.com", "4127 Maple Avenue Apt 2B", "62704", null)
        .patient("lab", "L1", "KATHERINE", "MORALES", "1984-03-07", "F", "+1 217-555-0143", null,
            "4127 MAPLE AVE #2B", "62704-3310", null)
        // Twins: same family name, birth date, address and phone; the ADT's record of one of them.
        .patient("ehr", "T1", "Jayden", "Okafor", "2012-06-01", "male", "312-555-0199", null, "88 Elm St", "60614",
            null)
        .patient("ehr", "T2", "Ethan", "Okafor", "2012-06-01", "male", "312-555-0199", null, "88 Elm St", "60614",
            null)
        .patient("adt", "HT1", "JAYDEN", "OKAFOR", "2012-06-01", "M", "3125550199", null, "88 ELM STREET", "60614",
            null)
        // Mother and daughter: same family name, address and phone.
        .patient("ehr", "F1", "Maria", "Lopez", "1965-02-14", "female", "773-555-0101", null, "12 Oak Ave", "60629",
            null)
        .patient("lab", "F2", "Ana", "Lopez", "1995-08-30", "female", "773-555-0101", null, "12 Oak Ave", "60629",
            null)
        // Two different John Smiths: name, birth date and sex alone.
        .patient("ehr", "S1", "John", "Smith", "1970-01-01", "male", "217-555-0001", null, "1 First St", "62701",
            null)
        .patient("lab", "S2", "John", "Smith", "1970-01-01", "male", "708-555-0002", null, "900 Lake Dr", "60453",
            null)
        // Moved: new address and phone, the same e-mail.
        .patient("ehr", "W1", "William", "Turner", "1958-11-23", "male", "217-555-0177", "wturner@example.org",
            "5 Pine Rd", "62702", null)
        .patient("adt", "W2", "William", "Turner", "1958-11-23", "male", "630-555-0312", "wturner@example.org",
            "77 Harbor Blvd Apt 4", "60540", null)
        // Day and month of birth swapped at the lab.
        .patient("ehr", "D1", "Sofia", "Reyes", "1990-04-11", "female", "217-555-0456", null, "9 Birch Ln", "62703",
            null)
        .patient("lab", "D2", "Sofia", "Reyes", "1990-11-04", "female", "217-555-0456", null, null, null, null)
        // Nickname.
        .patient("ehr", "N1", "Robert", "Chen", "1977-05-19", "male", null, null, "300 Cedar Ct", "62704", null)
        .patient("lab", "N2", "Bob", "Chen", "1977-05-19", "male", null, null, "300 CEDAR COURT", "62704", null)
        // Missing fields: the registry knows name, birth date and postal code only.
        .patient("ehr", "G1", "Grace", "Kim", "2001-09-09", "female", "217-555-0999", "gkim@example.com",
            "45 Walnut St", "62711", null)
        .patient("registry", "G2", "Grace", "Kim", "2001-09-09", null, null, null, null, "62711", null)
        // Deterministic: a married name, another address, the same SSN (no birth date at the pharmacy).
        .patient("ehr", "P1", "Linda", "Park", "1980-07-07", "female", "217-555-0700", null, "10 Maple St", "62704",
            "531-27-4410")
        .patient("pharmacy", "P2", "Linda", "Novak", null, "female", "847-555-0800", null, "2 River Rd", "60201",
            "531274410")
        // Deterministic: a driver's licence in silver.identifier, nothing else in common.
        .patient("ehr", "K1", "Omar", "Haddad", "1969-03-03", "male", null, null, null, null, null)
        .patient("adt", "K2", "O", "Hadad", null, null, null, null, null, null, null)
        .identifier("ehr", "K1", "urn:oid:2.16.840.1.113883.4.3.17", "H123-4567-8901", "DL")
        .identifier("adt", "K2", "urn:oid:2.16.840.1.113883.4.3.17", "h12345678901", "DL")
        // An A40 merge: the duplicate's birth date was wrong.
        .patient("adt", "M1", "Paul", "Adams", "1950-01-02", "male", null, null, null, null, null)
        .patient("adt", "M2", "Paul", "Adamz", "1951-12-30", "male", null, null, null, null, null)
        .link("adt", "M2", "replaced-by", "M1")
        .link("adt", "M1", "replaces", "M2")
        // Overrides: two records nothing links, linked by hand.
        .patient("ehr", "X1", "Zed", "Alpha", "1940-01-01", "male", null, null, null, null, null)
        .patient("lab", "X2", "Yan", "Beta", "1941-02-02", "female", null, null, null, null, null)
        // A pair the model links, unlinked by hand.
        .patient("ehr", "U1", "Helen", "Brooks", "1988-12-12", "female", "217-555-0555", null, "4 Ash St", "62704",
            null)
        .patient("adt", "U2", "Helen", "Brooks", "1988-12-12", "female", "217-555-0555", null, "4 Ash St", "62704",
            null);
    s.write(lh);
    Path overrides = tmp.resolve("overrides.csv");
    Files.writeString(overrides, """
        action,source_system_a,source_patient_id_a,source_system_b,source_patient_id_b,note
        link,ehr,X1,lab,X2,steward: same person after a sex change and a legal name change
        unlink,ehr,U1,adt,U2,steward: two women in the same building
        """);
    result = new IdentityBuild(lh, IdentityOptions.defaults().withOverrides(overrides.toString()), QUIET).run();
    for (Row r : lh.sql("SELECT source_system, source_patient_id, person_id FROM delta.`"
        + lh.path(IdentityTables.PATIENT) + "`").collectAsList()) {
      PERSON.put(r.getString(0) + "|" + r.getString(1), r.getString(2));
    }
  }

  private static void same(String a, String b, String why) {
    assertEquals(PERSON.get(a), PERSON.get(b), why);
  }

  private static void distinct(String a, String b, String why) {
    assertNotEquals(PERSON.get(a), PERSON.get(b), why);
  }

  @Test
  void linksTheSamePersonAcrossSources() {
    same("ehr|E1", "lab|L1", "address and phone written differently");
    same("ehr|W1", "adt|W2", "moved, same e-mail");
    same("ehr|D1", "lab|D2", "day and month swapped, same phone");
    same("ehr|N1", "lab|N2", "nickname, same address");
    same("ehr|G1", "registry|G2", "missing fields, same postal code");
    same("ehr|T1", "adt|HT1", "the twin the ADT knows");
  }

  @Test
  void keepsFamilyMembersAndNamesakesApart() {
    distinct("ehr|T1", "ehr|T2", "twins");
    distinct("adt|HT1", "ehr|T2", "twins across sources");
    distinct("ehr|F1", "lab|F2", "mother and daughter");
    distinct("ehr|S1", "lab|S2", "two John Smiths");
    assertEquals(PERSON.size(), PERSON.values().stream().distinct().count() + 10,
        "ten pairs linked (Katherine, Jayden, William, Sofia, Robert, Grace, Linda, Omar, Paul and the manual "
            + "link), no other: ten fewer persons than records");
  }

  @Test
  void nameBirthDateAndSexAloneGoToReview() {
    List<Row> review = lh.table(IdentityTables.REVIEW)
        .where("source_patient_id_a IN ('S1', 'S2') AND source_patient_id_b IN ('S1', 'S2')").collectAsList();
    assertEquals(1, review.size(), "the John Smiths are one pair to review");
    assertTrue(review.get(0).<String>getAs("guard").contains("no identifier"), review.get(0).toString());
  }

  @Test
  void deterministicLinks() {
    same("ehr|P1", "pharmacy|P2", "same SSN, another name");
    same("ehr|K1", "adt|K2", "same driver's licence in silver.identifier");
    same("adt|M1", "adt|M2", "A40 merge");
    List<String> rules = lh.table(IdentityTables.LINK).select("rule").distinct().as(
        org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertTrue(rules.containsAll(List.of("probabilistic", "ssn", "drivers_license", "manual")), rules.toString());
    assertTrue(rules.stream().anyMatch(r -> r.startsWith("patient_link:")), rules.toString());
  }

  @Test
  void overridesApplyLast() {
    same("ehr|X1", "lab|X2", "manual link");
    distinct("ehr|U1", "adt|U2", "manual unlink of a pair the model links");
  }

  @Test
  void otherSilverTablesFollowPatient() {
    long wrong = lh.sql("SELECT c.* FROM delta.`" + lh.path(SilverPatients.table("condition")) + "` c JOIN delta.`"
        + lh.path(IdentityTables.PATIENT) + "` p USING (source_system, source_patient_id)"
        + " WHERE NOT (c.person_id <=> p.person_id)").count();
    assertEquals(0, wrong);
    assertEquals(PERSON.size(), lh.table(IdentityTables.PERSON_MAP).count());
    assertTrue(result.rowsUpdated() > 0);
  }
}
