package org.carelake.transforms.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The pairs identity resolution gets wrong when it is naive, scored with the hand-set model: every comparison's
 * default m and u (set in each comparison class, tabled in docs/identity.md) and a prior lambda of 1e-5, about one
 * match per hundred thousand record pairs, as in a regional index where most people have one or two records;
 * thresholds 0.99 and 0.5.
 */
class IdentityTrapsTest {
  private static final double LAMBDA = 1e-5;
  private static final IdentityScorer SCORER = IdentityScorer.standard(LAMBDA);

  /** Katherine Ann Morales as the EHR registered her. */
  private static Patient katherine() {
    return Patient.named("Katherine", "Morales").givens("Katherine", "Ann").source("ehr", "E-1001")
        .mrn("00482913", "urn:oid:2.16.840.1.113883.3.1234").born("1984-03-07").gender("female")
        .address("4127 Maple Avenue Apt 2B", "Springfield", "IL", "62704").phone("(217) 555-0143")
        .email("kmorales84@example.com");
  }

  /** The same woman as the lab feed sent her: another MRN, the address and phone written differently. */
  private static Patient katherineAtLab() {
    return Patient.named("KATHERINE", "MORALES").source("lab", "L-77812").mrn("LB5521", "urn:oid:2.16.840.1.99")
        .born("1984-03-07").gender("F").address("4127 MAPLE AVE #2B", "SPRINGFIELD", "IL", "62704-3310")
        .phone("+1 217-555-0143");
  }

  private static PairScore score(Patient a, Patient b) {
    return SCORER.score(a.record(), b.record());
  }

  private static String why(Patient a, Patient b) {
    return SCORER.explain(a.record(), b.record()).toString();
  }

  @Test
  void theSameWomanInTwoFeedsLinks() {
    PairScore s = score(katherine(), katherineAtLab());
    assertEquals(LinkOutcome.LINK, s.outcome(), why(katherine(), katherineAtLab()));
    assertNull(s.guard());
  }

  @Test
  void twinsSharingEverythingButTheGivenNameDoNotLink() {
    Patient typo = katherineAtLab().given("Katherien");
    Patient twin = katherine().givens("Elena", "Rose").source("ehr", "E-1002").mrn("00482914",
        "urn:oid:2.16.840.1.113883.3.1234");
    PairScore match = score(katherine(), typo);
    PairScore twins = score(katherine(), twin);
    assertEquals(LinkOutcome.LINK, match.outcome(), why(katherine(), typo));
    assertEquals(LinkOutcome.NO_LINK, twins.outcome(), why(katherine(), twin));
    assertTrue(twins.weight() < match.weight() - 40, match.weight() + " vs twins " + twins.weight());
    Evidence e = SCORER.explain(katherine().record(), twin.record());
    assertEquals("multiple_birth", e.item("birth_date").explainedAwayBy(), e.toString());
    assertEquals("multiple_birth", e.item("address_line").explainedAwayBy(), e.toString());
    assertEquals("given_name", e.items().get(0).comparison(), "the given name decides: " + e);
  }

  @Test
  void twinsOfOppositeSexStayApartToo() {
    Patient brother = katherine().givens("Mateo").gender("male").source("registry", "R-55").mrn(null, null);
    assertEquals(LinkOutcome.NO_LINK, score(katherine(), brother).outcome(), why(katherine(), brother));
  }

  @Test
  void boyAndGirlTwinsWithLookAlikeNamesDoNotLink() {
    // MASON and MADISON are as close as a typo (Jaro-Winkler 0.92); the differing sex gives them away
    Patient mason = Patient.named("Mason", "Reyes").source("ehr", "E-7001").born("2012-04-18").gender("male")
        .address("301 Prairie View Rd", "Normal", "IL", "61761").phone("309-555-0126");
    Patient madison = Patient.named("Madison", "Reyes").source("ehr", "E-7002").born("2012-04-18")
        .gender("female").address("301 Prairie View Road", "Normal", "IL", "61761").phone("309-555-0126");
    PairScore s = score(mason, madison);
    assertEquals(GivenNameComparison.JW_92, s.levels()[SCORER.comparisons().indexOf("given_name")]);
    assertEquals(LinkOutcome.NO_LINK, s.outcome(), why(mason, madison));
  }

  @Test
  void flaggedTwinsWithSimilarNamesDoNotLinkOnBirthOrder() {
    // Jayden and Jaden: names close enough for a typo, told apart by the birth order the sources record
    Patient jayden = Patient.named("Jayden", "Okafor").source("ehr", "E-2001").born("2015-11-20").gender("male")
        .address("88 Birch Court", "Decatur", "IL", "62521").phone("217-555-0188").multipleBirth(true, 1);
    Patient jaden = Patient.named("Jaden", "Okafor").source("adt", "A-9001").born("2015-11-20").gender("male")
        .address("88 Birch Ct", "Decatur", "IL", "62521").phone("2175550188").multipleBirth(true, 2);
    PairScore s = score(jayden, jaden);
    assertNotEquals(LinkOutcome.LINK, s.outcome(), why(jayden, jaden));
    assertNotNull(s.guard());
    assertTrue(s.guard().contains("multiple_birth"), s.guard());
  }

  @Test
  void fatherAndSonOfTheSameNameDoNotLink() {
    Patient father = Patient.named("Robert", "Morales").source("ehr", "E-3001").born("1958-06-14").gender("male")
        .address("4127 Maple Avenue Apt 2B", "Springfield", "IL", "62704").phone("217-555-0143");
    Patient son = Patient.named("Robert", "Morales").suffix("Jr").source("pharmacy", "RX-42").born("1986-09-02")
        .gender("male").address("4127 Maple Ave Apt 2B", "Springfield", "IL", "62704").phone("217.555.0143");
    PairScore s = score(father, son);
    assertEquals(LinkOutcome.NO_LINK, s.outcome(), why(father, son));
    // without birth dates the suffixes still tell the generations apart
    Patient fatherNoDob = father.copy().born(null).suffix("Sr");
    Patient sonNoDob = son.copy().born(null);
    assertEquals(LinkOutcome.NO_LINK, score(fatherNoDob, sonNoDob).outcome(), why(fatherNoDob, sonNoDob));
  }

  @Test
  void motherAndDaughterDoNotLink() {
    Patient mother = katherine().givens("Lucia").born("1961-01-23").source("registry", "R-9").mrn(null, null);
    PairScore s = score(mother, katherine());
    assertEquals(LinkOutcome.NO_LINK, s.outcome(), why(mother, katherine()));
    Evidence e = SCORER.explain(mother.record(), katherine().record());
    assertEquals("household", e.item("phone").explainedAwayBy());
  }

  @Test
  void aCommonNameWithTheSameBirthDateDoesNotAutoLink() {
    Patient a = Patient.named("John", "Smith").source("ehr", "E-4001").born("1975-05-01").gender("male")
        .address("19 Oak Street", "Peoria", "IL", "61602").phone("309-555-0100").email("jsmith@example.org");
    Patient b = Patient.named("JOHN", "SMITH").source("adt", "A-4002").born("1975-05-01").gender("M")
        .address("702 W Lake Shore Dr", "Chicago", "IL", "60611").phone("312-555-0199").email("john.smith@example.net");
    PairScore s = score(a, b);
    assertNotEquals(LinkOutcome.LINK, s.outcome(), why(a, b));
    // two different SSNs settle it
    PairScore withSsns = score(a.copy().ssn("318-62-4410"), b.copy().ssn("457-20-8831"));
    assertEquals(LinkOutcome.NO_LINK, withSsns.outcome(), why(a.copy().ssn("318-62-4410"),
        b.copy().ssn("457-20-8831")));
  }

  @Test
  void nameBirthDateAndSexAloneNeverAutoLink() {
    Patient a = Patient.named("Maria", "Garcia").source("ehr", "E-5001").born("1990-02-11").gender("female");
    Patient b = Patient.named("Maria", "Garcia").source("lab", "L-5002").born("1990-02-11").gender("F");
    PairScore s = score(a, b);
    assertTrue(s.probability() >= LinkDecision.DEFAULT_UPPER, "strong on weight alone: " + s);
    assertEquals(LinkOutcome.REVIEW, s.outcome(), why(a, b));
    assertNotNull(s.guard());
  }

  @Test
  void aPersonWhoMovedLinksOnTheSsn() {
    Patient before = katherine().ssn("512-44-9031");
    Patient after = Patient.named("Katherine", "Morales").source("adt", "A-88120").born("1984-03-07")
        .gender("female").ssn("512449031").address("910 Lakeview Drive", "Naperville", "IL", "60540")
        .phone("630-555-0177");
    assertEquals(LinkOutcome.LINK, score(before, after).outcome(), why(before, after));
  }

  @Test
  void swappedDayAndMonthLinks() {
    Patient swapped = katherineAtLab().born("1984-07-03");
    PairScore s = score(katherine(), swapped);
    assertEquals(BirthDateComparison.DAY_MONTH_SWAPPED, s.levels()[SCORER.comparisons().indexOf("birth_date")]);
    assertEquals(LinkOutcome.LINK, s.outcome(), why(katherine(), swapped));
  }

  @Test
  void nicknameAndLegalNameLinkWhenBirthDateAndAddressAgree() {
    Patient legal = Patient.named("William", "Turner").source("ehr", "E-6001").born("1949-12-30").gender("male")
        .address("55 Elm Street", "Champaign", "IL", "61820");
    Patient nickname = Patient.named("Bill", "Turner").source("pharmacy", "RX-6002").born("1949-12-30")
        .gender("M").address("55 ELM ST", "CHAMPAIGN", "IL", "61820");
    PairScore s = score(legal, nickname);
    assertEquals(GivenNameComparison.NICKNAME, s.levels()[SCORER.comparisons().indexOf("given_name")]);
    assertEquals(LinkOutcome.LINK, s.outcome(), why(legal, nickname));
  }

  @Test
  void missingFieldsAddNothing() {
    Patient sparse = Patient.named("Katherine", "Morales").source("registry", "R-1").born("1984-03-07");
    Evidence e = SCORER.explain(katherine().record(), sparse.record());
    for (String absent : new String[] {"sex", "address_line", "phone", "email", "ssn", "postal_code", "mrn"}) {
      assertEquals(0, e.item(absent).level(), absent);
      assertEquals(0.0, e.item(absent).weight(), absent);
    }
    PairScore s = score(katherine(), sparse);
    assertEquals(LinkOutcome.REVIEW, s.outcome(), why(katherine(), sparse));
    // with nothing but a name on one side there is no case at all
    Patient nameOnly = Patient.named("Katherine", "Morales").source("registry", "R-2");
    assertNotEquals(LinkOutcome.LINK, score(katherine(), nameOnly).outcome());
    // and a missing given name is no evidence against the phone, address and birth date that agree
    Patient noGiven = katherineAtLab().given(null);
    assertEquals(LinkOutcome.LINK, score(katherine(), noGiven).outcome(), why(katherine(), noGiven));
  }

  @Test
  void differingSsnsNeverAutoLinkHoweverStrongTheRest() {
    Patient a = katherine().ssn("512-44-9031");
    Patient b = katherineAtLab().ssn("512-44-9013");
    PairScore s = score(a, b);
    assertTrue(s.probability() >= LinkDecision.DEFAULT_UPPER, s.toString());
    assertEquals(LinkOutcome.REVIEW, s.outcome(), why(a, b));
    assertTrue(s.guard().contains("ssn"), s.guard());
  }
}
