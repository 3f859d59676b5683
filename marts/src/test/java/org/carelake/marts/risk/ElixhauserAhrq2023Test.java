package org.carelake.marts.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The v2023.1 mapping and index logic, on the index weights as shipped and a synthetic format fixture (AHRQ's own
 * format table is not in the reference data); index sums worked out by hand from CMR_Index_Program_v2023-1.sas.
 */
class ElixhauserAhrq2023Test {
  private static final ElixhauserAhrq2023 AHRQ = ElixhauserAhrq2023.fromFormat(fixture());

  @Test
  void theShippedIndexProgramGives38ReadmissionAnd38MortalityWeights() {
    Map<String, Integer> w = ElixhauserAhrq2023.indexWeights();
    assertEquals(76, w.size());
    assertEquals(11, w.get("rwCANCER_METS"));
    assertEquals(-2, w.get("rwOBESE"));
    assertEquals(22, w.get("mwNEURO_OTH"));
    assertEquals(-9, w.get("mwPSYCHOSES"));
  }

  @Test
  void combinedValuesSetEachMeasureAndExclusionsKeepTheSevereOne() {
    List<String> dx = List.of("I13.2", "E11.22", "E11.9", "C78.0", "C61", "D05.00", "I10");
    assertEquals(List.of("CANCER_METS", "DIAB_CX", "HF", "HTN_CX", "RENLFL_SEV"), AHRQ.measures(dx));
    // readmission: METS 11 + DIAB_CX 4 + HF 7 + HTN_CX 0 + RENLFL_SEV 8
    assertEquals(30.0, AHRQ.score(dx, AhrqIndex.READMISSION).score());
    // mortality: 22 - 2 + 14 + 1 + 7
    ComorbidityScore mortality = AHRQ.score(dx, AhrqIndex.MORTALITY);
    assertEquals(42.0, mortality.score());
    assertEquals(Map.of("CANCER_METS", 22.0, "DIAB_CX", -2.0, "HF", 14.0, "HTN_CX", 1.0, "RENLFL_SEV", 7.0),
        mortality.components());
    assertEquals(List.of("I132"), mortality.codesByCategory().get("HFHTN_CXRENLFL_SEV"));
  }

  @Test
  void cerebrovascularSequelaCountsAsParalysisAndCerebrovascularDisease() {
    assertEquals(List.of("CBVD", "PARALYSIS"), AHRQ.measures(List.of("I69351")));
    assertEquals(3.0, AHRQ.score(List.of("I69351"), AhrqIndex.READMISSION).score(), "PARALYSIS 3 + CBVD 0");
    assertEquals(9.0, AHRQ.score(List.of("I69351"), AhrqIndex.MORTALITY).score(), "PARALYSIS 4 + CBVD 5");
    assertEquals(List.of("CBVD"), AHRQ.measures(List.of("I639", "I69351")).subList(0, 1));
  }

  @Test
  void alcoholicLiverDiseaseAndDrugPsychosisSetTwoMeasures() {
    assertEquals(List.of("ALCOHOL", "LIVER_SEV"), AHRQ.measures(List.of("K70.30", "K72.11")));
    assertEquals(13.0, AHRQ.score(List.of("K70.30", "K72.11"), AhrqIndex.READMISSION).score(), "3 + 10");
    assertEquals(-16.0, AHRQ.score(List.of("F11.50"), AhrqIndex.MORTALITY).score(), "DRUG_ABUSE -7 + PSYCHOSES -9");
    assertEquals(List.of("RENLFL_SEV"), AHRQ.measures(List.of("N184", "N186")));
    assertEquals(List.of(), AHRQ.measures(List.of("Z00.00", "R05")));
  }

  @Test
  void withoutAhrqsFormatProgramLoadingSaysWhatIsMissing() {
    if (!ElixhauserAhrq2023.available()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, ElixhauserAhrq2023::load);
      assertTrue(e.getMessage().contains("CMR_Format_Program_v2023-1.sas"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> SasFormatParser.parse("Value $OTHER \"A\"=\"B\";", "COMFMT"));
  }

  private static String fixture() {
    try (InputStream in = ElixhauserAhrq2023Test.class.getResourceAsStream("synthetic-cmr-format.sas")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
