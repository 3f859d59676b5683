package org.carelake.marts.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Elixhauser over Quan's ICD-10 codes with van Walraven and Swiss weights; expected values worked out by hand. */
class ElixhauserQuanIndexTest {
  private static final PrefixComorbidityIndex VW = PrefixComorbidityIndex.load(QuanIcd10Index.ELIXHAUSER_VAN_WALRAVEN);
  private static final PrefixComorbidityIndex SWISS = PrefixComorbidityIndex.load(QuanIcd10Index.ELIXHAUSER_SWISS);

  @Test
  void heartFailureDiabetesMetastasesAndHypertension() {
    List<String> dx = List.of("I50.9", "E11.9", "C78.0", "I10");
    // van Walraven: chf 7 + diabunc 0 + metacanc 12 + hypunc 0
    assertEquals(Map.of("chf", 7.0, "diabunc", 0.0, "hypunc", 0.0, "metacanc", 12.0), VW.score(dx).components());
    assertEquals(19.0, VW.score(dx).score());
    // Swiss: 13 + 1 + 17 - 4
    assertEquals(27.0, SWISS.score(dx).score());
  }

  @Test
  void hierarchiesKeepTheComplicatedOrMetastaticForm() {
    // I11.0 is both chf and hypc; hypc replaces I10's hypunc. E11.22 diabc replaces E11.9. C78 replaces C61.
    ComorbidityScore s = VW.score(List.of("I10", "I11.0", "E11.9", "E11.22", "C61", "C78.0"));
    assertEquals(List.of("chf", "diabc", "hypc", "metacanc"), s.conditions());
    assertEquals(7.0 + 0 + 0 + 12, s.score());
  }

  @Test
  void negativeWeightsLowerTheScore() {
    // obes -4, drug -7, depre -3 under van Walraven
    assertEquals(-14.0, VW.score(List.of("E66.9", "F11.20", "F32.9")).score());
  }
}
