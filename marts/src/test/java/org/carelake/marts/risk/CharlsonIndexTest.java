package org.carelake.marts.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Charlson over Quan's ICD-10 codes; every expected number worked out by hand from comorbidity-weights.tsv. */
class CharlsonIndexTest {
  private static final PrefixComorbidityIndex ORIGINAL = PrefixComorbidityIndex.load(QuanIcd10Index.CHARLSON_ORIGINAL);
  private static final PrefixComorbidityIndex QUAN = PrefixComorbidityIndex.load(QuanIcd10Index.CHARLSON_QUAN_2011);

  @Test
  void heartFailureDiabetesAndMetastasesUnderBothWeightings() {
    List<String> dx = List.of("I50.9", "E11.9", "C78.0");
    ComorbidityScore original = ORIGINAL.score(dx);
    // chf 1 + diab 1 + metacanc 6
    assertEquals(List.of("chf", "diab", "metacanc"), original.conditions());
    assertEquals(8.0, original.score());
    // Quan 2011: chf 2 + diab 0 + metacanc 6
    ComorbidityScore quan = QUAN.score(dx);
    assertEquals(Map.of("chf", 2.0, "diab", 0.0, "metacanc", 6.0), quan.components());
    assertEquals(8.0, quan.score());
    assertEquals(List.of("I509"), quan.codesByCategory().get("chf"));
  }

  @Test
  void complicatedDiabetesReplacesUncomplicated() {
    List<String> dx = List.of("E11.9", "E11.22");
    assertEquals(List.of("diabwc"), ORIGINAL.score(dx).conditions());
    assertEquals(2.0, ORIGINAL.score(dx).score());
    assertEquals(1.0, QUAN.score(dx).score());
    assertEquals(List.of("diab", "diabwc"), List.copyOf(ORIGINAL.score(dx).codesByCategory().keySet()));
  }

  @Test
  void metastaticCancerReplacesLocalisedCancer() {
    List<String> dx = List.of("C61", "C78.0");
    assertEquals(List.of("metacanc"), ORIGINAL.score(dx).conditions());
    assertEquals(6.0, ORIGINAL.score(dx).score(), "6, not 2 + 6");
    assertEquals(2.0, ORIGINAL.score(List.of("C61")).score());
  }

  @Test
  void severeLiverDiseaseReplacesMild() {
    // B18.2 chronic hepatitis C (mld), K70.4 alcoholic hepatic failure (msld)
    List<String> dx = List.of("B18.2", "K70.4");
    assertEquals(List.of("msld"), ORIGINAL.score(dx).conditions());
    assertEquals(3.0, ORIGINAL.score(dx).score());
    assertEquals(4.0, QUAN.score(dx).score());
  }

  @Test
  void quan2011WeightsEveryCategoryToAMaximumOf24() {
    // One code per category; with the hierarchies only the severe member of each pair counts.
    List<String> all = List.of("I21", "I50", "I70", "I63", "F03", "J44", "M05", "K25", "B18", "E119", "E112", "G81",
        "N18", "C61", "K704", "C78", "B20");
    assertEquals(24.0, QUAN.score(all).score());
    assertEquals(4.0, QUAN.score(List.of("B20")).score(), "AIDS/HIV weighs 4 in Quan 2011");
    assertEquals(6.0, ORIGINAL.score(List.of("B20")).score());
    assertEquals(29.0, ORIGINAL.score(all).score(), "8 x 1 + diabwc 2 + hp 2 + rend 2 + msld 3 + metacanc 6 + aids 6");
  }

  @Test
  void codesOutsideTheMapScoreZero() {
    assertEquals(0.0, ORIGINAL.score(List.of("R05", "Z00.00")).score());
    assertEquals(List.of(), QUAN.score(List.of()).conditions());
    assertEquals("Congestive heart failure", QUAN.label("chf"));
  }
}
