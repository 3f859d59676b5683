package org.carelake.marts.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Risk scores from silver: the year's ICD-10-CM diagnoses into CMS-HCC and Charlson, LACE per discharge. */
class RiskScoreBuildTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @TempDir
  Path tmp;

  private static String condition(String id, String code, String onset) {
    return "{\"resourceType\":\"Condition\",\"id\":\"" + id + "\",\"subject\":{\"reference\":\"Patient/p1\"},"
        + "\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-clinical\","
        + "\"code\":\"active\"}]},\"code\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/icd-10-cm\",\"code\":\""
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
}
