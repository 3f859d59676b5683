package org.carelake.marts.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.carelake.ingestion.fhir.FhirBulkIngest;
import org.carelake.marts.GoldModels;
import org.carelake.marts.measure.MeasurementPeriod;
import org.carelake.transforms.silver.SilverBuild;
import org.carelake.transforms.silver.SilverViews;
import org.carelake.transforms.terminology.ShippedTerminology;
import org.carelake.transforms.terminology.TerminologyLoad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Risk scores from silver: the year's ICD-10-CM diagnoses (as received, or through a SNOMED CT map) into CMS-HCC and
 * Charlson, LACE per discharge.
 */
class RiskScoreBuildTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @TempDir
  Path tmp;

  private static String condition(String id, String code, String onset) {
    return condition(id, "http://hl7.org/fhir/sid/icd-10-cm", code, onset);
  }

  private static String condition(String id, String system, String code, String onset) {
    return "{\"resourceType\":\"Condition\",\"id\":\"" + id + "\",\"subject\":{\"reference\":\"Patient/p1\"},"
        + "\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-clinical\","
        + "\"code\":\"active\"}]},\"code\":{\"coding\":[{\"system\":\"" + system + "\",\"code\":\""
        + code + "\"}]},\"onsetDateTime\":\"" + onset + "\"}\n";
  }

  private static String encounter(String id, String cls, String start, String end) {
    return "{\"resourceType\":\"Encounter\",\"id\":\"" + id + "\",\"status\":\"finished\",\"class\":{\"system\":"
        + "\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"" + cls + "\"},\"subject\":{\"reference\":"
        + "\"Patient/p1\"},\"period\":{\"start\":\"" + start + "\",\"end\":\"" + end + "\"}}\n";
  }

  @Test
  void hccAndCharlsonScoreTheYearsDiagnosesAndLaceScoresEachDischarge() throws IOException {
    Lakehouse lh = SharedSpark.freshLakehouse("risk-build");
    Path fhir = Files.createDirectories(tmp.resolve("fhir"));
    Files.writeString(fhir.resolve("Patient.ndjson"), "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"gender\":"
        + "\"male\",\"birthDate\":\"1955-06-01\"}\n");
    Files.writeString(fhir.resolve("Condition.ndjson"), condition("dm", "E11.69", "2020-01-01T00:00:00Z")
        + condition("chf", "I50.9", "2025-02-01T00:00:00Z")
        // diagnosed after the as-of year: does not count
        + condition("later", "C78.00", "2026-03-01T00:00:00Z"));
    Files.writeString(fhir.resolve("Encounter.ndjson"),
        encounter("ed-old", "EMER", "2025-03-01T10:00:00Z", "2025-03-01T14:00:00Z")
            + encounter("ed-lead", "EMER", "2025-06-01T08:00:00Z", "2025-06-01T12:00:00Z")
            + encounter("stay", "IMP", "2025-06-01T13:00:00Z", "2025-06-06T10:00:00Z"));
    new FhirBulkIngest(lh, FhirBulkIngest.Options.defaults("ehr", QUIET)).run(List.of(fhir.toString()));
    ShippedTerminology.ensure(lh, QUIET);
    new SilverBuild(lh, SilverViews.fromClasspath(), QUIET).run(true);
    GoldModels.build(lh, GoldModels.fromClasspath(), QUIET);

    new RiskScoreBuild(lh, QUIET).run(MeasurementPeriod.parse("2025-01-01/2025-12-31"));

    // hccpy's own test case (V24, E1169 + I509, male 70, CNA) expects 1.148; the person is 70 on 2025-12-31.
    Row v24 = lh.sql("SELECT * FROM gold.risk_score WHERE model = 'CMS-HCC-V24'").first();
    assertEquals(1.148, v24.<Double>getAs("score"), 0.0005);
    assertEquals(List.of("HCC18", "HCC85"), v24.getList(v24.fieldIndex("conditions")).stream().sorted().toList());
    assertEquals("CNA", v24.getAs("segment"));
    assertTrue(v24.<Double>getAs("score_adjusted") < v24.<Double>getAs("score"), "coding intensity lowers it");
    assertEquals(2, v24.<Integer>getAs("diagnoses"), "the 2026 diagnosis is outside the year");
    double charlson = lh.sql("SELECT score FROM gold.risk_score WHERE model = 'CHARLSON'").first().getDouble(0);
    double direct = RiskModels.score(RiskModel.CHARLSON_ORIGINAL,
        PersonRiskInput.of(70, Sex.MALE, List.of("E1169", "I509"))).score();
    assertEquals(direct, charlson, 1e-9);
    assertTrue(charlson >= 2, "heart failure and diabetes both count");
    Row lace = lh.sql("SELECT * FROM gold.lace_discharge").first();
    assertEquals(5, lace.<Integer>getAs("los_days"));
    assertEquals(4, lace.<Integer>getAs("l_points"));
    assertEquals(3, lace.<Integer>getAs("a_points"), "admitted within 24 h of an emergency visit");
    assertEquals(1, lace.<Integer>getAs("e_points"), "one earlier emergency visit; the one that led to the stay no");
    assertEquals(Math.min((int) charlson, 3) + (charlson >= 4 ? 2 : 0), lace.<Integer>getAs("c_points"));
    assertEquals(4 + 3 + lace.<Integer>getAs("c_points") + 1, lace.<Integer>getAs("lace"));
    assertEquals(1, lh.sql("SELECT * FROM gold.risk_score WHERE model = 'LACE'").count());
  }

  @Test
  void snomedOnlyConditionsScoreThroughTheCrosswalkAndASitesMapReplacesIt() throws IOException {
    Lakehouse lh = SharedSpark.freshLakehouse("risk-snomed");
    Path fhir = Files.createDirectories(tmp.resolve("fhir"));
    Files.writeString(fhir.resolve("Patient.ndjson"), "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"gender\":"
        + "\"female\",\"birthDate\":\"1950-03-01\"}\n");
    String sct = "http://snomed.info/sct";
    Files.writeString(fhir.resolve("Condition.ndjson"), condition("dm", sct, "44054006", "2015-01-01T00:00:00Z")
        + condition("chf", sct, "88805009", "2024-05-01T00:00:00Z")
        // findings the crosswalk leaves out on purpose
        + condition("review", sct, "314529007", "2025-04-01T00:00:00Z")
        + condition("work", sct, "160903007", "2025-04-01T00:00:00Z"));
    new FhirBulkIngest(lh, FhirBulkIngest.Options.defaults("ehr", QUIET)).run(List.of(fhir.toString()));
    ShippedTerminology.ensure(lh, QUIET);
    new SilverBuild(lh, SilverViews.fromClasspath(), QUIET).run(true);
    GoldModels.build(lh, GoldModels.fromClasspath(), QUIET);
    MeasurementPeriod year = MeasurementPeriod.parse("2025-01-01/2025-12-31");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    new RiskScoreBuild(lh, new PrintStream(out, true, StandardCharsets.UTF_8)).run(year);

    // 75-year-old woman, CNA, E11.9 (V28 HCC38, V24 HCC19) + I50.9 (HCC226 / HCC85), from V28hcccoefn.csv and
    // V24hcccoefn.csv: F75_79 0.465 + HCC38 0.166 + HCC226 0.360 + DIABETES_HF 0.112 = 1.103 (D2 is 0);
    // V24: F75_79 0.451 + HCC19 0.105 + HCC85 0.331 + DIABETES_CHF 0.121 = 1.008
    Row v28 = score(lh, "CMS-HCC-V28");
    assertEquals(1.103, v28.<Double>getAs("score"), 1e-9);
    assertEquals(List.of("HCC226", "HCC38"), sorted(v28));
    assertEquals(2, v28.<Integer>getAs("diagnoses"));
    assertEquals(1.008, score(lh, "CMS-HCC-V24").<Double>getAs("score"), 1e-9);
    // Charlson: original CHF 1 + diabetes 1; Quan 2011 CHF 2 + diabetes 0
    assertEquals(2.0, score(lh, "CHARLSON").<Double>getAs("score"));
    assertEquals(2.0, score(lh, "CHARLSON-QUAN-2011").<Double>getAs("score"));
    String log = out.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("4 conditions in the year: 0 with ICD-10-CM as received, 2 through a SNOMED CT map, 2 with "
        + "neither"), log);
    assertTrue(log.contains("160903007 ") && log.contains("314529007 "), "names the unmapped codes: " + log);

    // A site's own map wins for the codes it covers: type 2 diabetes as diabetic CKD (E11.22: V28 HCC37, V24 HCC18)
    Path map = Files.writeString(tmp.resolve("site-map.csv"), """
        map_url,source_system,source_code,source_display,target_system,target_code,target_display,equivalence
        urn:test:site-snomed-icd,http://snomed.info/sct,44054006,Diabetes type 2,http://hl7.org/fhir/sid/icd-10-cm,\
        E11.22,Type 2 diabetes mellitus with diabetic chronic kidney disease,equivalent
        """);
    new TerminologyLoad(lh, QUIET).load(List.of(map.toString()), null);
    new RiskScoreBuild(lh, QUIET).run(year);
    assertEquals(List.of("HCC226", "HCC37"), sorted(score(lh, "CMS-HCC-V28")));
    // Charlson: original CHF 1 + diabetes with complications 2; Quan 2011 CHF 2 + 1
    assertEquals(3.0, score(lh, "CHARLSON").<Double>getAs("score"));
    assertEquals(3.0, score(lh, "CHARLSON-QUAN-2011").<Double>getAs("score"));
  }

  private static Row score(Lakehouse lh, String model) {
    return lh.sql("SELECT * FROM gold.risk_score WHERE model = '" + model + "'").first();
  }

  private static List<String> sorted(Row r) {
    return r.<String>getList(r.fieldIndex("conditions")).stream().sorted().toList();
  }
}
