package org.carelake.transforms.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every level of every comparison, each reached by a pair of realistic records. */
class IdentityComparisonsTest {
  private static int level(Comparison c, Patient a, Patient b) {
    int ab = c.level(a.record(), b.record());
    assertEquals(ab, c.level(b.record(), a.record()), c.name() + " is symmetric");
    return ab;
  }

  private static Patient person() {
    return Patient.named("Katherine", "Morales").born("1984-03-07").gender("female");
  }

  @Test
  void givenNameLevels() {
    GivenNameComparison c = new GivenNameComparison();
    assertEquals(8, c.levels().size());
    assertEquals(GivenNameComparison.MISSING, level(c, person(), person().given("Baby Girl")));
    assertEquals(GivenNameComparison.MISSING, level(c, person(), person().given(null)));
    assertEquals(GivenNameComparison.EXACT, level(c, person(), person().given("KATHERINE")));
    assertEquals(GivenNameComparison.EXACT, level(c, person().given("Mary Ann"), person().given("Maryann")));
    assertEquals(GivenNameComparison.EXACT, level(c, person().given("Mary Ann"), person().given("Mary")));
    assertEquals(GivenNameComparison.NICKNAME, level(c, person(), person().given("Kathy")));
    assertEquals(GivenNameComparison.NICKNAME, level(c, person().given("Peggy"), person().given("Margaret")));
    assertEquals(GivenNameComparison.MIDDLE_NAME,
        level(c, person().givens("Katherine", "Ann"), person().given("Ann")));
    assertEquals(GivenNameComparison.JW_92, level(c, person(), person().given("Katherien")));
    assertEquals(GivenNameComparison.JW_80, level(c, person().given("Tanya"), person().given("Tonya")));
    assertEquals(GivenNameComparison.INITIAL, level(c, person(), person().given("K.")));
    assertEquals(GivenNameComparison.DIFFERENT, level(c, person(), person().given("J")));
    assertEquals(GivenNameComparison.DIFFERENT, level(c, person(), person().given("Elena")));
    assertEquals(GivenNameComparison.DIFFERENT, level(c, person().given("James"), person().given("John")));
  }

  @Test
  void familyNameLevels() {
    FamilyNameComparison c = new FamilyNameComparison();
    assertEquals(FamilyNameComparison.MISSING, level(c, person(), person().family(null)));
    assertEquals(FamilyNameComparison.MISSING, level(c, person(), person().family("Unknown")));
    assertEquals(FamilyNameComparison.EXACT, level(c, person(), person().family("MORALES")));
    assertEquals(FamilyNameComparison.EXACT, level(c, person().family("Van Dyke"), person().family("VanDyke")));
    assertEquals(FamilyNameComparison.EXACT, level(c, person().family("O'Brien"), person().family("OBRIEN")));
    assertEquals(FamilyNameComparison.PHONETIC, level(c, person().family("Smith"), person().family("Smyth")));
    assertEquals(FamilyNameComparison.PHONETIC, level(c, person().family("Smith"), person().family("Schmidt")));
    assertEquals(FamilyNameComparison.PHONETIC, level(c, person(), person().family("Moralez")));
    assertEquals(FamilyNameComparison.COMPOUND_PART,
        level(c, person().family("Garcia Lopez"), person().family("Lopez")));
    assertEquals(FamilyNameComparison.COMPOUND_PART,
        level(c, person().family("Smith-Jones"), person().family("Jones")));
    assertEquals(FamilyNameComparison.JW_80, level(c, person().family("Jones"), person().family("Johnson")));
    assertEquals(FamilyNameComparison.DIFFERENT, level(c, person(), person().family("Nguyen")));
  }

  @Test
  void birthDateLevels() {
    BirthDateComparison c = new BirthDateComparison();
    assertEquals(BirthDateComparison.MISSING, level(c, person(), person().born(null)));
    assertEquals(BirthDateComparison.EXACT, level(c, person(), person().born("1984-03-07")));
    assertEquals(BirthDateComparison.DAY_MONTH_SWAPPED, level(c, person(), person().born("1984-07-03")));
    assertEquals(BirthDateComparison.TYPO, level(c, person(), person().born("1984-03-08")), "day off by one");
    assertEquals(BirthDateComparison.TYPO, level(c, person(), person().born("1984-03-01")), "one day digit");
    assertEquals(BirthDateComparison.TYPO, level(c, person(), person().born("1948-03-07")), "year digits swapped");
    assertEquals(BirthDateComparison.TYPO, level(c, person(), person().born("1985-03-07")), "year off by one");
    assertEquals(BirthDateComparison.TYPO, level(c, person(), person().born("1994-03-07")), "one year digit");
    assertEquals(BirthDateComparison.TYPO, level(c, person(), person().born("1984-08-07")), "one month digit");
    assertEquals(BirthDateComparison.TYPO, level(c, person().born("1990-03-31"), person().born("1990-04-01")),
        "one day apart across a month end");
    assertEquals(BirthDateComparison.SAME_YEAR_MONTH, level(c, person(), person().born("1984-03-25")));
    assertEquals(BirthDateComparison.DIFFERENT, level(c, person(), person().born("1984-11-07")));
    assertEquals(BirthDateComparison.DIFFERENT, level(c, person(), person().born("1961-01-23")));
    assertEquals(BirthDateComparison.DIFFERENT, level(c, person(), person().born("1958-03-07")));
    // a day equal to its month cannot be told swapped
    assertEquals(BirthDateComparison.EXACT, level(c, person().born("1984-05-05"), person().born("1984-05-05")));
  }

  @Test
  void sexLevels() {
    SexComparison c = new SexComparison();
    assertEquals(SexComparison.SAME, level(c, person(), person().gender("F")));
    assertEquals(SexComparison.DIFFERENT, level(c, person(), person().gender("male")));
    assertEquals(SexComparison.MISSING, level(c, person(), person().gender("unknown")));
    assertEquals(SexComparison.MISSING, level(c, person(), person().gender("other")));
    assertEquals(SexComparison.MISSING, level(c, person(), person().gender(null)));
    // birth sex stands in when gender says nothing
    assertEquals(SexComparison.SAME, level(c, person(), person().gender(null).birthSex("F")));
    assertEquals(SexComparison.SAME, level(c, person(), person().gender("unknown").birthSex("F")));
  }

  @Test
  void postalCodeLevels() {
    PostalCodeComparison c = new PostalCodeComparison();
    assertEquals(PostalCodeComparison.MISSING, level(c, person().postalCode("62704"), person()));
    assertEquals(PostalCodeComparison.SAME, level(c, person().postalCode("62704"), person().postalCode("62704-3310")));
    assertEquals(PostalCodeComparison.SAME_FIRST_3,
        level(c, person().postalCode("62704"), person().postalCode("62702")));
    assertEquals(PostalCodeComparison.DIFFERENT, level(c, person().postalCode("62704"), person().postalCode("60540")));
    assertTrue(c.corroborates(PostalCodeComparison.SAME));
    assertFalse(c.corroborates(PostalCodeComparison.SAME_FIRST_3));
  }

  @Test
  void addressLineLevels() {
    AddressLineComparison c = new AddressLineComparison();
    Patient home = person().addressLine("4127 Maple Avenue Apt 2B");
    assertEquals(AddressLineComparison.MISSING, level(c, home, person()));
    assertEquals(AddressLineComparison.EXACT, level(c, home, person().addressLine("4127 MAPLE AVE #2B")));
    assertEquals(AddressLineComparison.JW_90, level(c, home, person().addressLine("4127 Maple Ave")));
    assertEquals(AddressLineComparison.JW_90, level(c, home, person().addressLine("4172 Maple Ave Apt 2B")));
    assertEquals(AddressLineComparison.DIFFERENT, level(c, home, person().addressLine("910 Lakeview Drive")));
  }

  @Test
  void phoneLevels() {
    PhoneComparison c = new PhoneComparison();
    Patient home = person().phone("(217) 555-0143");
    assertEquals(PhoneComparison.MISSING, level(c, home, person().phone("000-000-0000")));
    assertEquals(PhoneComparison.SAME, level(c, home, person().phone("+1 217 555 0143")));
    assertEquals(PhoneComparison.SAME, level(c, home, person().phone("555-0143")), "no area code on one side");
    assertEquals(PhoneComparison.SAME_LAST_7, level(c, home, person().phone("447-555-0143")));
    assertEquals(PhoneComparison.DIFFERENT, level(c, home, person().phone("630-555-0177")));
  }

  @Test
  void ssnLevels() {
    SsnComparison c = new SsnComparison();
    Patient a = person().ssn("512-44-9031");
    assertEquals(SsnComparison.MISSING, level(c, a, person()));
    assertEquals(SsnComparison.MISSING, level(c, a, person().ssn("123-45-6789")));
    assertEquals(SsnComparison.SAME, level(c, a, person().ssn("512449031")));
    assertEquals(SsnComparison.SAME_LAST_4, level(c, a, person().ssn("XXX-XX-9031")));
    assertEquals(SsnComparison.DIFFERENT, level(c, a, person().ssn("XXX-XX-9013")));
    assertEquals(SsnComparison.TYPO, level(c, a, person().ssn("512-44-9013")), "neighbours swapped");
    assertEquals(SsnComparison.TYPO, level(c, a, person().ssn("512-44-9081")), "one digit");
    assertEquals(SsnComparison.DIFFERENT, level(c, a, person().ssn("457-20-8831")));
    assertTrue(c.corroborates(SsnComparison.SAME));
    assertTrue(c.forbidsAutoLink(SsnComparison.DIFFERENT));
    assertTrue(c.forbidsAutoLink(SsnComparison.TYPO));
    assertFalse(c.forbidsAutoLink(SsnComparison.MISSING));
  }

  @Test
  void emailLevels() {
    EmailComparison c = new EmailComparison();
    Patient a = person().email("KMorales84@Example.com");
    assertEquals(EmailComparison.MISSING, level(c, a, person().email("n/a")));
    assertEquals(EmailComparison.SAME, level(c, a, person().email("kmorales84@example.com")));
    assertEquals(EmailComparison.DIFFERENT, level(c, a, person().email("katie.m@example.org")));
  }

  @Test
  void identifierLevelsOnlyWithinOneNamespace() {
    Comparison mrn = IdentifierComparison.mrn();
    String hospital = "urn:oid:2.16.840.1.113883.3.1234";
    Patient ehr = person().source("ehr", "E-1").mrn("00482913", hospital);
    assertEquals(IdentifierComparison.SAME, level(mrn, ehr, person().source("adt", "A-1").mrn("482913", hospital)));
    assertEquals(IdentifierComparison.DIFFERENT, level(mrn, ehr, person().source("adt", "A-2").mrn("482914",
        hospital)));
    assertEquals(IdentifierComparison.MISSING, level(mrn, ehr, person().source("lab", "L-1").mrn("482913",
        "urn:oid:2.16.840.1.99")), "another hospital's MRN says nothing");
    assertEquals(IdentifierComparison.SAME, level(mrn, person().source("lab", "L-1").mrn("77", null),
        person().source("lab", "L-2").mrn("77", null)), "no system: the same source's numbers");
    assertEquals(IdentifierComparison.MISSING, level(mrn, person().source("lab", "L-1").mrn("77", null),
        person().source("adt", "A-1").mrn("77", null)));
    Comparison dl = IdentifierComparison.driversLicense();
    String illinois = "urn:oid:2.16.840.1.113883.4.3.17";
    assertEquals(IdentifierComparison.SAME, level(dl, person().driversLicense("M426-1187-3306", illinois),
        person().driversLicense("M42611873306", null)));
    assertEquals(IdentifierComparison.MISSING, level(dl, person().driversLicense("M42611873306", illinois),
        person().driversLicense("M42611873306", "urn:oid:2.16.840.1.113883.4.3.18")));
    Comparison passport = IdentifierComparison.passport();
    assertEquals(IdentifierComparison.DIFFERENT, level(passport, person().passport("X1234567"),
        person().passport("X7654321")));
  }

  @Test
  void multipleBirthLevels() {
    MultipleBirthComparison c = new MultipleBirthComparison();
    Patient twinA = person().givens("Katherine");
    assertEquals(MultipleBirthComparison.NOT_APPLICABLE, level(c, twinA, person().family("Nguyen").given("Elena")));
    assertEquals(MultipleBirthComparison.NOT_APPLICABLE, level(c, twinA, person().given("Elena").born("1986-02-02")));
    assertEquals(MultipleBirthComparison.NOT_APPLICABLE, level(c, twinA, person().given(null)));
    assertEquals(MultipleBirthComparison.GIVEN_AGREES, level(c, twinA, person().given("Kathy")));
    assertEquals(MultipleBirthComparison.GIVEN_AGREES, level(c, twinA, person().given("Katherien")));
    assertEquals(MultipleBirthComparison.GIVEN_DIFFERS, level(c, twinA, person().given("Elena")));
    assertEquals(MultipleBirthComparison.GIVEN_DIFFERS,
        level(c, twinA, person().given("Katherien").gender("male")), "close names, different sexes");
    assertEquals(MultipleBirthComparison.MULTIPLE_BIRTH_CONFLICT,
        level(c, twinA.copy().multipleBirth(true, null), person().given("Elena")));
    assertEquals(MultipleBirthComparison.MULTIPLE_BIRTH_CONFLICT,
        level(c, twinA.copy().multipleBirth(null, 2), person().given("Katherine").multipleBirth(null, 1)));
    assertTrue(c.explainsAway(MultipleBirthComparison.GIVEN_DIFFERS).containsAll(
        Set.of("birth_date", "family_name", "address_line", "phone")));
    assertTrue(c.explainsAway(MultipleBirthComparison.GIVEN_AGREES).isEmpty());
    assertFalse(c.estimable());
  }

  @Test
  void householdLevels() {
    HouseholdComparison c = new HouseholdComparison();
    Patient father = Patient.named("Robert", "Morales").born("1958-06-14").gender("male")
        .addressLine("4127 Maple Avenue").phone("217-555-0143");
    Patient son = father.copy().born("1986-09-02");
    assertEquals(HouseholdComparison.BIRTH_DATE_DIFFERS, level(c, father, son));
    assertEquals(HouseholdComparison.CONSISTENT, level(c, father, father.copy().phone(null)));
    assertEquals(HouseholdComparison.CONSISTENT, level(c, father, son.copy().born(null)));
    assertEquals(HouseholdComparison.GENERATION_DIFFERS,
        level(c, father.copy().suffix("Sr."), son.copy().born(null).suffix("Jr.")));
    assertEquals(HouseholdComparison.GENERATION_DIFFERS,
        level(c, father.copy().family("Morales Sr"), son.copy().family("Morales Jr")));
    assertEquals(HouseholdComparison.NOT_APPLICABLE,
        level(c, father, son.copy().addressLine("910 Lakeview Drive").phone("630-555-0177")));
    assertEquals(HouseholdComparison.NOT_APPLICABLE, level(c, father, son.copy().family("Nguyen")));
    assertFalse(c.estimable());
  }

  @Test
  void everyComparisonHasSaneDefaults() {
    ComparisonSet set = ComparisonSet.standard();
    assertEquals(List.of("given_name", "family_name", "birth_date", "sex", "postal_code", "address_line", "phone",
        "ssn", "email", "mrn", "drivers_license", "passport", "multiple_birth", "household"), set.names());
    for (Comparison c : set.comparisons()) {
      List<Level> levels = c.levels();
      assertEquals(c.levelNames().size(), levels.size());
      assertEquals(1.0, levels.get(0).m(), c.name());
      assertEquals(1.0, levels.get(0).u(), c.name());
      double m = levels.subList(1, levels.size()).stream().mapToDouble(Level::m).sum();
      double u = levels.subList(1, levels.size()).stream().mapToDouble(Level::u).sum();
      assertEquals(1.0, m, 1e-9, c.name() + " m sums to 1");
      assertEquals(1.0, u, 1e-9, c.name() + " u sums to 1");
      // the closest agreement is evidence for a match
      assertTrue(levels.get(1).m() > levels.get(1).u(), c.name());
    }
  }

  @Test
  void recordsFromSilverRows() {
    PersonRecord r = PersonRecord.fromSilver(java.util.Map.of(
        "source_system", "ehr", "source_patient_id", "E-1", "family", "Morales", "given", "Katherine",
        "given_all", List.of("Katherine", "Ann"), "birth_date", java.sql.Date.valueOf("1984-03-07"),
        "gender", "female", "address_postal_code", "62704-3310", "multiple_birth_integer", 2L,
        "phone", "217-555-0143"));
    assertEquals("MORALES", r.family());
    assertEquals(List.of("KATHERINE", "ANN"), r.givenAll());
    assertEquals(List.of("ANN"), r.otherGivens());
    assertEquals(LocalDate.of(1984, 3, 7), r.birthDate());
    assertEquals("F", r.sex());
    assertEquals("62704", r.postalCode());
    assertEquals(Boolean.TRUE, r.multipleBirth());
    assertEquals(2, r.birthOrder());
    assertEquals("2175550143", r.phone());
  }
}
