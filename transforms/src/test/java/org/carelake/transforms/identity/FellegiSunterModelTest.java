package org.carelake.transforms.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Weights, posterior probabilities and explanations of the standard model, worked by hand. */
class FellegiSunterModelTest {
  private static final ComparisonSet SET = ComparisonSet.standard();
  private static final FellegiSunterModel MODEL = SET.defaultModel(1e-5);

  private static int[] levels(Object... nameAndLevel) {
    int[] out = new int[SET.size()];
    for (int i = 0; i < nameAndLevel.length; i += 2) {
      out[SET.indexOf((String) nameAndLevel[i])] = (Integer) nameAndLevel[i + 1];
    }
    return out;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void weightIsTheSumOfLogRatiosAndMissingAddsNothing() {
    assertEquals(0.0, MODEL.weight(new int[SET.size()]));
    int[] v = levels("given_name", GivenNameComparison.EXACT, "birth_date", BirthDateComparison.EXACT,
        "phone", PhoneComparison.DIFFERENT);
    double expected = log2(0.86 / 0.012) + log2(0.93 / 0.00005) + log2(0.23 / 0.9996);
    assertEquals(expected, MODEL.weight(v), 1e-9);
    assertEquals(log2(0.86 / 0.012), MODEL.partialWeight(0, GivenNameComparison.EXACT), 1e-12);
    assertEquals(0.0, MODEL.partialWeight(0, GivenNameComparison.MISSING));
  }

  @Test
  void probabilityByBayesOnTheWeight() {
    // at weight 0 the posterior is the prior
    assertEquals(1e-5, FellegiSunterModel.probability(0, 1e-5), 1e-15);
    // the weight that cancels the prior odds gives one half
    assertEquals(0.5, FellegiSunterModel.probability(-MODEL.priorWeight(), 1e-5), 1e-12);
    assertEquals(log2(1e-5 / (1 - 1e-5)), MODEL.priorWeight(), 1e-12);
    // prior odds 1:99 and likelihood ratio 2^10: posterior odds 1024:99
    assertEquals(1024.0 / (1024 + 99), FellegiSunterModel.probability(10, 0.01), 1e-12);
    assertEquals(10, FellegiSunterModel.weightFor(1024.0 / (1024 + 99), 0.01), 1e-9);
    int[] v = levels("given_name", 1, "family_name", 1, "birth_date", 1);
    assertEquals(FellegiSunterModel.probability(MODEL.weight(v), 1e-5), MODEL.probability(v), 1e-15);
    assertEquals(1.0, FellegiSunterModel.probability(5000, 1e-5));
    assertEquals(0.0, FellegiSunterModel.probability(-5000, 1e-5));
  }

  @Test
  void explainSortsByMagnitudeAndShowsWhatWasExplainedAway() {
    int[] twins = levels("given_name", GivenNameComparison.DIFFERENT, "family_name", FamilyNameComparison.EXACT,
        "birth_date", BirthDateComparison.EXACT, "sex", SexComparison.SAME, "address_line",
        AddressLineComparison.EXACT, "phone", PhoneComparison.SAME, "multiple_birth",
        MultipleBirthComparison.GIVEN_DIFFERS);
    Evidence e = MODEL.explain(twins);
    assertEquals(MODEL.weight(twins), e.weight(), 1e-12);
    assertEquals(MODEL.probability(twins), e.probability(), 1e-15);
    assertEquals(SET.size(), e.items().size());
    for (int i = 1; i < e.items().size(); i++) {
      assertTrue(Math.abs(e.items().get(i - 1).weight()) >= Math.abs(e.items().get(i).weight()));
    }
    assertEquals("given_name", e.items().get(0).comparison());
    assertEquals("different", e.items().get(0).levelName());
    Evidence.Item birth = e.item("birth_date");
    assertEquals(0.0, birth.weight());
    assertEquals(log2(0.93 / 0.00005), birth.levelWeight(), 1e-9);
    assertEquals("multiple_birth", birth.explainedAwayBy());
    assertNull(e.item("sex").explainedAwayBy());
    double expected = log2(0.02 / 0.944) + log2(0.98 / 0.5) + log2(0.013 / 0.25);
    assertEquals(expected, e.weight(), 1e-9);
    assertTrue(e.toString().contains("explained away by multiple_birth"), e.toString());
  }

  @Test
  void disagreementIsNeverExplainedAway() {
    int[] parentAndChild = levels("given_name", GivenNameComparison.DIFFERENT, "family_name",
        FamilyNameComparison.EXACT, "birth_date", BirthDateComparison.DIFFERENT, "postal_code",
        PostalCodeComparison.DIFFERENT, "address_line", AddressLineComparison.EXACT, "household",
        HouseholdComparison.BIRTH_DATE_DIFFERS);
    Evidence e = MODEL.explain(parentAndChild);
    assertEquals(MODEL.partialWeight(SET.indexOf("postal_code"), PostalCodeComparison.DIFFERENT),
        e.item("postal_code").weight());
    assertNull(e.item("postal_code").explainedAwayBy());
    assertEquals(0.0, e.item("address_line").weight());
  }

  @Test
  void jsonRoundTripAndJavaSerialization() throws IOException, ClassNotFoundException {
    FellegiSunterModel fitted = MODEL.withLambda(0.003).withEstimable("sex", false);
    FellegiSunterModel back = FellegiSunterModel.fromJson(fitted.toJson());
    assertEquals(fitted, back);
    assertEquals(fitted.toJson(), back.toJson());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    IdentityScorer scorer = new IdentityScorer(SET, fitted, LinkDecision.defaults(SET));
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(scorer);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      IdentityScorer copy = (IdentityScorer) in.readObject();
      assertEquals(fitted, copy.model());
      PersonRecord a = Patient.named("Bill", "Turner").born("1949-12-30").addressLine("55 Elm St").record();
      PersonRecord b = Patient.named("William", "Turner").born("1949-12-30").addressLine("55 ELM STREET").record();
      assertEquals(scorer.score(a, b), copy.score(a, b));
    }
  }

  @Test
  void badInputIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> MODEL.weight(new int[3]));
    assertThrows(IllegalArgumentException.class, () -> MODEL.weight(levels("sex", 3)));
    assertThrows(IllegalArgumentException.class, () -> MODEL.withLambda(0));
    assertThrows(IllegalArgumentException.class, () -> MODEL.withLambda(1));
    assertThrows(IllegalArgumentException.class, () -> MODEL.indexOf("shoe_size"));
    double[][] m = new double[SET.size()][];
    double[][] u = new double[SET.size()][];
    for (int c = 0; c < SET.size(); c++) {
      m[c] = new double[MODEL.levelNames(c).size()];
      u[c] = new double[MODEL.levelNames(c).size()];
      java.util.Arrays.fill(m[c], 0.5);
      java.util.Arrays.fill(u[c], 0.5);
    }
    m[0][1] = 0;
    assertThrows(IllegalArgumentException.class, () -> MODEL.withParameters(m, u, 0.01));
    assertThrows(IllegalArgumentException.class,
        () -> new IdentityScorer(new ComparisonSet(List.of(new SexComparison())), MODEL, LinkDecision.defaults(SET)));
  }
}
