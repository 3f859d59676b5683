package org.carelake.transforms.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Thresholds, and the guard rules that hold whatever the probability. */
class IdentityLinkDecisionTest {
  private static final ComparisonSet SET = ComparisonSet.standard();
  private static final LinkDecision DECISION = LinkDecision.defaults(SET);

  private static int[] levels(Object... nameAndLevel) {
    int[] out = new int[SET.size()];
    for (int i = 0; i < nameAndLevel.length; i += 2) {
      out[SET.indexOf((String) nameAndLevel[i])] = (Integer) nameAndLevel[i + 1];
    }
    return out;
  }

  private static final int[] NAME_BIRTH_SEX = levels("given_name", 1, "family_name", 1, "birth_date", 1, "sex", 1);

  @Test
  void thresholdsOnTheProbability() {
    int[] withPhone = levels("given_name", 1, "family_name", 1, "birth_date", 1, "phone", PhoneComparison.SAME);
    assertEquals(LinkOutcome.LINK, DECISION.decide(withPhone, 0.995));
    assertEquals(LinkOutcome.LINK, DECISION.decide(withPhone, 0.99));
    assertEquals(LinkOutcome.REVIEW, DECISION.decide(withPhone, 0.98));
    assertEquals(LinkOutcome.REVIEW, DECISION.decide(withPhone, 0.5));
    assertEquals(LinkOutcome.NO_LINK, DECISION.decide(withPhone, 0.49));
    LinkDecision byWeight = LinkDecision.ofWeights(SET, 30, 20, 1e-5);
    assertEquals(FellegiSunterModel.probability(30, 1e-5), byWeight.upper(), 1e-12);
    assertEquals(FellegiSunterModel.probability(20, 1e-5), byWeight.lower(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> new LinkDecision(SET, 0.5, 0.9));
  }

  @Test
  void nameBirthDateAndSexNeedACorroboratingAgreement() {
    assertEquals(LinkOutcome.REVIEW, DECISION.decide(NAME_BIRTH_SEX, 0.999999));
    assertTrue(DECISION.guard(NAME_BIRTH_SEX).orElseThrow().contains("no identifier"));
    for (String[] corroborating : new String[][] {{"ssn", "1"}, {"ssn", "2"}, {"mrn", "1"},
        {"drivers_license", "1"}, {"passport", "1"}, {"address_line", "1"}, {"address_line", "2"}, {"phone", "1"},
        {"phone", "2"}, {"email", "1"}, {"postal_code", "1"}}) {
      int[] v = NAME_BIRTH_SEX.clone();
      v[SET.indexOf(corroborating[0])] = Integer.parseInt(corroborating[1]);
      assertEquals(Optional.empty(), DECISION.guard(v), corroborating[0] + " " + corroborating[1]);
      assertEquals(LinkOutcome.LINK, DECISION.decide(v, 0.999999));
    }
    int[] nearbyOnly = NAME_BIRTH_SEX.clone();
    nearbyOnly[SET.indexOf("postal_code")] = PostalCodeComparison.SAME_FIRST_3;
    assertEquals(LinkOutcome.REVIEW, DECISION.decide(nearbyOnly, 0.999999));
  }

  @Test
  void anIdentifierOnTwoDifferentBirthDatesOrGivenNamesIsAnOverlay() {
    int[] sameMrn = levels("given_name", 1, "family_name", 1, "birth_date", 1, "mrn", 1);
    assertEquals(Optional.empty(), DECISION.forbidden(sameMrn));
    int[] otherBirth = sameMrn.clone();
    otherBirth[SET.indexOf("birth_date")] = BirthDateComparison.DIFFERENT;
    assertEquals(LinkOutcome.REVIEW, DECISION.decide(otherBirth, 0.999999));
    assertTrue(DECISION.forbidden(otherBirth).orElseThrow().contains("birth_date: different"));
    int[] otherGiven = sameMrn.clone();
    otherGiven[SET.indexOf("given_name")] = GivenNameComparison.DIFFERENT;
    assertTrue(DECISION.forbidden(otherGiven).orElseThrow().contains("given_name: different"));
    // A keying slip in the date or a nickname is not a contradiction.
    int[] slips = sameMrn.clone();
    slips[SET.indexOf("birth_date")] = BirthDateComparison.TYPO;
    slips[SET.indexOf("given_name")] = GivenNameComparison.NICKNAME;
    assertEquals(Optional.empty(), DECISION.forbidden(slips));
    assertEquals(LinkOutcome.LINK, DECISION.decide(slips, 0.999999));
  }

  @Test
  void differingSsnsNeverAutoLink() {
    for (int level : new int[] {SsnComparison.DIFFERENT, SsnComparison.TYPO}) {
      int[] v = levels("given_name", 1, "family_name", 1, "birth_date", 1, "phone", 1, "address_line", 1,
          "ssn", level);
      assertEquals(LinkOutcome.REVIEW, DECISION.decide(v, 1.0));
      assertTrue(DECISION.guard(v).orElseThrow().contains("ssn"));
    }
    // a low probability stays low: the guards only ever hold a LINK back
    int[] v = levels("given_name", 7, "ssn", SsnComparison.DIFFERENT);
    assertEquals(LinkOutcome.NO_LINK, DECISION.decide(v, 0.01));
  }

  @Test
  void agreementExplainedAwayDoesNotCorroborate() {
    int[] twins = levels("given_name", GivenNameComparison.DIFFERENT, "family_name", 1, "birth_date", 1,
        "address_line", AddressLineComparison.EXACT, "phone", PhoneComparison.SAME, "multiple_birth",
        MultipleBirthComparison.GIVEN_DIFFERS);
    assertEquals(LinkOutcome.REVIEW, DECISION.decide(twins, 0.999));
    int[] flagged = twins.clone();
    flagged[SET.indexOf("multiple_birth")] = MultipleBirthComparison.MULTIPLE_BIRTH_CONFLICT;
    flagged[SET.indexOf("ssn")] = SsnComparison.SAME;
    assertTrue(DECISION.guard(flagged).orElseThrow().contains("multiple_birth"));
  }

  @Test
  void wrongLengthVectorsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> DECISION.guard(new int[2]));
  }
}
