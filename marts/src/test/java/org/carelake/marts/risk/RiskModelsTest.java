package org.carelake.marts.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The facade: every available model scores one person, with the same numbers as its engine used directly. */
class RiskModelsTest {
  private static final PersonRiskInput PERSON =
      PersonRiskInput.of(70, Sex.MALE, List.of("I50.9", "E11.9", "C78.00", "E11.69"));

  @Test
  void everyAvailableModelScoresAndExplains() {
    Set<String> ids = new HashSet<>();
    for (RiskModel m : RiskModel.values()) {
      assertTrue(ids.add(m.id()), m.id());
      if (!RiskModels.available(m)) {
        assertThrows(IllegalStateException.class, () -> RiskModels.score(m, PERSON), m.id());
        continue;
      }
      RiskScore s = RiskModels.score(m, PERSON);
      assertTrue(s.score() > 0, m.id());
      assertEquals(s.score(), s.components().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9, m.id());
      assertTrue(!s.conditions().isEmpty(), m.id());
    }
  }

  @Test
  void facadeAgreesWithTheEngines() {
    HccScore hcc = (HccScore) RiskModels.score(RiskModel.CMS_HCC_V28, PERSON);
    assertEquals(HccModel.load(HccOptions.of(HccVersion.V28)).score(PERSON), hcc);
    // V28: E11.69 -> 37 (kept over 38 from E11.9), I50.9 -> 226, C78.00 -> 17 (C78.0 itself is a header, not a code)
    assertEquals(List.of("HCC17", "HCC37", "HCC226"), hcc.hccs());
    assertEquals(8.0, RiskModels.score(RiskModel.CHARLSON_ORIGINAL, PERSON).score());
    assertEquals(List.of("chf", "diab", "metacanc"), RiskModels.score(RiskModel.CHARLSON_QUAN_2011, PERSON)
        .conditions());
    assertEquals(19.0, RiskModels.score(RiskModel.ELIXHAUSER_VAN_WALRAVEN, PERSON).score(), "chf 7 + metacanc 12");
  }

  @Test
  void missingCodesAndOddSpellingsAreTolerated() {
    List<String> codes = new ArrayList<>(List.of(" i50.9 ", "E119"));
    codes.add(null);
    PersonRiskInput p = new PersonRiskInput(70, Sex.parse("2"), codes, false, null, HccSegment.CNA);
    assertEquals("0", p.orec());
    assertEquals(List.of("HCC38", "HCC226"), ((HccScore) RiskModels.score(RiskModel.CMS_HCC_V28, p)).hccs());
    assertThrows(IllegalArgumentException.class, () -> Sex.parse("U"));
  }
}
