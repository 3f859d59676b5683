package org.carelake.marts.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.carelake.transforms.terminology.ConceptMapEntry;
import org.carelake.transforms.terminology.TerminologyContent;
import org.carelake.transforms.terminology.TerminologyFiles;
import org.carelake.transforms.terminology.Validators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped SNOMED CT -> ICD-10-CM crosswalk (terminology/conceptmaps/snomed-icd10cm-synthea.csv): it parses with
 * the loader's own reader, its codes are well formed, each SNOMED CT code has one target, and the chronic conditions
 * that drive risk land in the HCCs and Charlson categories they must (expected values read from the CMS-HCC and
 * Quan tables, not from the engines' output).
 */
class SnomedIcd10CrosswalkTest {
  static final String RESOURCE = "/org/carelake/transforms/terminology/conceptmaps/snomed-icd10cm-synthea.csv";
  static final String SNOMED = "http://snomed.info/sct";
  static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
  /** ICD-10-CM, dotted: a letter, two characters, then up to four (a 7th character may follow X placeholders). */
  static final Pattern ICD10CM_CODE = Pattern.compile("[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?");

  static List<ConceptMapEntry> entries;

  @BeforeAll
  static void read() {
    try (InputStream in = SnomedIcd10CrosswalkTest.class.getResourceAsStream(RESOURCE)) {
      assertNotNull(in, RESOURCE);
      TerminologyContent content = TerminologyFiles.read("snomed-icd10cm-synthea.csv", in);
      assertTrue(content.warnings().isEmpty(), content.warnings().toString());
      entries = content.conceptMapEntries();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String target(String snomed) {
    return entries.stream().filter(e -> e.sourceCode().equals(snomed)).map(ConceptMapEntry::targetCode).findFirst()
        .orElseThrow(() -> new AssertionError("no entry for SNOMED CT " + snomed));
  }

  @Test
  void everyEntryIsAWellFormedSnomedToIcd10CmPair() {
    assertTrue(entries.size() >= 200, "covers Synthea's condition codes: " + entries.size());
    Set<String> equivalences = Set.of("equivalent", "wider", "narrower", "inexact");
    for (ConceptMapEntry e : entries) {
      assertEquals("https://carelake.org/fhir/ConceptMap/snomed-icd10cm-synthea", e.mapUrl());
      assertEquals(SNOMED, e.sourceSystem());
      assertEquals(ICD10CM, e.targetSystem());
      assertTrue(Validators.forName("SNOMEDCT").validate(e.sourceCode()).valid(), "SNOMED CT " + e.sourceCode());
      assertTrue(ICD10CM_CODE.matcher(e.targetCode()).matches(), "dotted ICD-10-CM: " + e.targetCode());
      assertEquals(e.targetCode(), Validators.forName("ICD10CM").validate(e.targetCode()).normalizedCode(),
          "already in normal form");
      assertTrue(equivalences.contains(e.equivalence()), e.sourceCode() + " equivalence " + e.equivalence());
      assertFalse(e.sourceDisplay() == null || e.targetDisplay() == null, "displays for review: " + e.sourceCode());
    }
  }

  @Test
  void eachSnomedCodeHasOneTarget() {
    Map<String, List<String>> targets = new HashMap<>();
    entries.forEach(e -> targets.computeIfAbsent(e.sourceCode(), k -> new ArrayList<>()).add(e.targetCode()));
    targets.forEach((code, t) -> assertEquals(1, t.size(), "SNOMED CT " + code + " -> " + t));
  }

  @Test
  void chronicConditionsLandInTheirHccsAndCharlsonCategories() {
    // SNOMED CT, ICD-10-CM target, V28 HCC, V24 HCC (F2824T1N and F24 combined tables), Quan's Charlson category
    String[][] expected = {
        {"44054006", "E11.9", "HCC38", "HCC19", "diab"},          // diabetes mellitus type 2
        {"127013003", "E11.29", "HCC37", "HCC18", "diabwc"},      // disorder of kidney due to diabetes
        {"368581000119106", "E11.40", "HCC37", "HCC18", "diabwc"}, // neuropathy due to type 2 diabetes
        {"88805009", "I50.9", "HCC226", "HCC85", "chf"},          // chronic congestive heart failure
        {"185086009", "J44.9", "HCC280", "HCC111", "copd"},       // chronic obstructive bronchitis
        {"87433001", "J43.9", "HCC280", "HCC111", "copd"},        // pulmonary emphysema
        {"433144002", "N18.30", "HCC329", "HCC138", "rend"},      // chronic kidney disease stage 3
        {"431857002", "N18.4", "HCC327", "HCC137", "rend"},       // chronic kidney disease stage 4
        {"46177005", "N18.6", "HCC326", "HCC136", "rend"},        // end-stage renal disease
        {"26929004", "G30.9", "HCC127", "HCC52", "dementia"},     // Alzheimer's disease
        {"22298006", "I21.9", "HCC228", "HCC86", "ami"},          // myocardial infarction
        {"230690007", "I63.9", "HCC249", "HCC100", "cevd"},       // stroke
        {"363406005", "C18.9", "HCC22", "HCC11", "canc"},         // malignant tumor of colon
        {"314994000", "C79.9", "HCC18", "HCC8", "metacanc"},      // metastasis from prostate cancer
    };
    for (String[] x : expected) {
      String icd = target(x[0]);
      assertEquals(x[1], icd, "SNOMED CT " + x[0]);
      PersonRiskInput p = PersonRiskInput.of(70, Sex.FEMALE, List.of(icd));
      assertEquals(List.of(x[2]), RiskModels.score(RiskModel.CMS_HCC_V28, p).conditions(), "V28 " + icd);
      assertEquals(List.of(x[3]), RiskModels.score(RiskModel.CMS_HCC_V24, p).conditions(), "V24 " + icd);
      assertEquals(List.of(x[4]), RiskModels.score(RiskModel.CHARLSON_QUAN_2011, p).conditions(), "Charlson " + icd);
    }
  }

  @Test
  void findingsAndHistoryCodesAddNoHcc() {
    // Symptoms and Z codes (history, social circumstances) must not raise a payment HCC; the exceptions are
    // sepsis with shock (R65.2) and transplant status (Z94), which CMS does count
    for (ConceptMapEntry e : entries) {
      String icd = e.targetCode();
      if ((icd.startsWith("R") && !icd.startsWith("R65")) || (icd.startsWith("Z") && !icd.startsWith("Z94"))) {
        PersonRiskInput p = PersonRiskInput.of(70, Sex.FEMALE, List.of(icd));
        assertEquals(List.of(), RiskModels.score(RiskModel.CMS_HCC_V28, p).conditions(), icd);
        assertEquals(List.of(), RiskModels.score(RiskModel.CMS_HCC_V24, p).conditions(), icd);
      }
    }
  }
}
