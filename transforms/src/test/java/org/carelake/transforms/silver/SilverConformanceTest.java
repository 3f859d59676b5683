package org.carelake.transforms.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.carelake.ingestion.fhir.FhirBulkIngest;
import org.carelake.ingestion.hl7.Hl7BatchIngest;
import org.carelake.transforms.terminology.TerminologyLoad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terminology conformance in a silver build: every coded element gets its standard coding and a status (standard,
 * mapped through a feed's own concept map, unmapped, invalid with the reason), quantities their canonical unit, and
 * the build reports shares (ops.dq_metrics) and what is left unmapped (ops.unmapped_codes). A new map rebuilds silver.
 */
class SilverConformanceTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static final SilverViews VIEWS = SilverViews.fromClasspath().only(Set.of("patient", "condition",
      "observation", "observation_component", "coding", "identifier"));

  @TempDir
  Path tmp;

  private static String obs(String id, String codings, String value) {
    return "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",\"status\":\"final\",\"subject\":{\"reference\":"
        + "\"Patient/p1\"},\"code\":{\"coding\":[" + codings + "]}" + (value == null ? "" : ",\"valueQuantity\":"
        + value) + ",\"effectiveDateTime\":\"2025-03-01T10:00:00Z\"}\n";
  }

  private static String coding(String system, String code) {
    return "{\"system\":\"" + system + "\",\"code\":\"" + code + "\",\"display\":\"d-" + code + "\"}";
  }

  private static Row row(Lakehouse lh, String sql) {
    List<Row> rows = lh.sql(sql).collectAsList();
    assertEquals(1, rows.size(), sql + " -> " + rows);
    return rows.get(0);
  }

  @Test
  void codesAreStandardMappedUnmappedOrInvalidWithReasonsAndUnitsAreCanonical() throws IOException {
    Lakehouse lh = SharedSpark.freshLakehouse("silver-conformance");
    Path fhir = Files.createDirectories(tmp.resolve("fhir"));
    Files.writeString(fhir.resolve("Patient.ndjson"), "{\"resourceType\":\"Patient\",\"id\":\"p1\"}\n");
    Files.writeString(fhir.resolve("Observation.ndjson"),
        obs("a1c", coding("http://loinc.org", "4548-4"), "{\"value\":7.0,\"unit\":\"%\",\"system\":"
            + "\"http://unitsofmeasure.org\",\"code\":\"%\"}")
        // a wrong LOINC check digit: kept, flagged invalid
        + obs("bad", coding("http://loinc.org", "4548-5"), null)
        // glucose sent in mmol/L: canonical mg/dL through the molar mass
        + obs("glu", coding("urn:oid:2.16.840.1.113883.6.1", "2339-0"), "{\"value\":5.5,\"unit\":\"mmol/L\","
            + "\"system\":\"http://unitsofmeasure.org\",\"code\":\"mmol/L\"}")
        // a weight in pounds, with a local coding first and LOINC second: LOINC counts
        + obs("wt", coding("http://acme.example/codes", "WT") + "," + coding("http://loinc.org", "29463-7"),
            "{\"value\":154,\"unit\":\"lb\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"[lb_av]\"}")
        // only a local code nobody maps
        + obs("loc", coding("http://acme.example/codes", "XYZ"), null));
    Files.writeString(fhir.resolve("Condition.ndjson"),
        "{\"resourceType\":\"Condition\",\"id\":\"c1\",\"subject\":{\"reference\":\"Patient/p1\"},\"code\":{"
            + "\"coding\":[" + coding("http://hl7.org/fhir/sid/icd-10-cm", "E119") + "]}}\n"
            + "{\"resourceType\":\"Condition\",\"id\":\"c2\",\"subject\":{\"reference\":\"Patient/p1\"},\"code\":{"
            + "\"coding\":[" + coding("http://snomed.info/sct", "44054006") + "]}}\n");
    new FhirBulkIngest(lh, FhirBulkIngest.Options.defaults("ehr", QUIET)).run(List.of(fhir.toString()));
    Path lab = Files.writeString(tmp.resolve("lab.hl7"),
        "MSH|^~\\&|LIS|LAB|CL|CL|20250301100000||ORU^R01^ORU_R01|L1|P|2.5.1\r"
            + "PID|1||9001^^^LAB^MR||DOE^JANE||19800102|F\r"
            + "OBR|1|P1|F1|013964^GLU BLD^L|||20250301090000\r"
            + "OBX|1|NM|013964^GLU BLD^L||99|mg/dL^mg/dL^UCUM|70-99|N|||F|||20250301090000\r");
    new Hl7BatchIngest(lh, Hl7BatchIngest.Options.defaults("lab", QUIET)).run(List.of(lab.toString()));

    SilverBuild.Result first = new SilverBuild(lh, VIEWS, QUIET).run(false);
    assertTrue(first.full());
    String cols = "code_standard_system, code_standard_code, code_map_status, code_map_reason, value_canonical, "
        + "unit_canonical";
    Row a1c = row(lh, "SELECT " + cols + " FROM silver.observation WHERE source_id = 'a1c'");
    assertEquals("http://loinc.org", a1c.getString(0));
    assertEquals("4548-4", a1c.getString(1));
    assertEquals("standard", a1c.getString(2));
    assertNull(a1c.getString(3));
    assertEquals(0, new BigDecimal("7").compareTo(a1c.getDecimal(4)), "same unit: value unchanged");
    assertEquals("%", a1c.getString(5));

    Row bad = row(lh, "SELECT " + cols + " FROM silver.observation WHERE source_id = 'bad'");
    assertEquals("invalid", bad.getString(2));
    assertTrue(bad.getString(3).contains("check digit"), bad.getString(3));
    assertNull(bad.getString(1), "no standard coding: the code stays in code_code only");

    Row glu = row(lh, "SELECT " + cols + ", code_system FROM silver.observation WHERE source_id = 'glu'");
    assertEquals("urn:oid:2.16.840.1.113883.6.1", glu.getString(6), "the system as received");
    assertEquals("http://loinc.org", glu.getString(0), "the OID normalized");
    assertEquals("standard", glu.getString(2));
    assertEquals("mg/dL", glu.getString(5));
    assertEquals(99.1, glu.getDecimal(4).doubleValue(), 0.1, "5.5 mmol/L glucose is about 99.1 mg/dL");

    Row wt = row(lh, "SELECT " + cols + ", code_code FROM silver.observation WHERE source_id = 'wt'");
    assertEquals("WT", wt.getString(6), "the first coding as received");
    assertEquals("29463-7", wt.getString(1), "the LOINC in second place is the standard coding");
    assertEquals("standard", wt.getString(2));
    assertEquals("kg", wt.getString(5));
    assertEquals(69.853, wt.getDecimal(4).doubleValue(), 0.001);

    assertEquals("unmapped", row(lh, "SELECT code_map_status FROM silver.observation WHERE source_id = 'loc'")
        .getString(0));
    Row icd = row(lh, "SELECT code_code, code_standard_code, code_map_status FROM silver.condition "
        + "WHERE source_id = 'c1'");
    assertEquals("E119", icd.getString(0));
    assertEquals("E11.9", icd.getString(1), "undotted ICD-10-CM normalized");
    assertEquals("standard", icd.getString(2));
    assertEquals("standard", row(lh, "SELECT code_map_status FROM silver.condition WHERE source_id = 'c2'")
        .getString(0));
    Row labBefore = row(lh, "SELECT code_map_status, code_system FROM silver.observation WHERE source_system = 'lab'");
    assertEquals("unmapped", labBefore.getString(0), "a local lab code before the lab's map is loaded");

    // silver.coding conforms each coding on its own.
    assertEquals(2, lh.sql("SELECT * FROM silver.coding WHERE source_id = 'wt'").count());
    assertEquals("unmapped", row(lh, "SELECT map_status FROM silver.coding WHERE source_id = 'wt' AND code = 'WT'")
        .getString(0));

    Row unmapped = row(lh, "SELECT occurrences, elements, first_seen IS NOT NULL FROM ops.unmapped_codes "
        + "WHERE source_system = 'lab' AND code = '013964'");
    assertEquals(1L, unmapped.getLong(0), "the OBX's code (the OBR's is in diagnostic_report, not built here)");
    assertEquals(List.of("observation.code"), unmapped.getList(1));
    assertTrue(unmapped.getBoolean(2));
    assertEquals("invalid", row(lh, "SELECT status FROM ops.unmapped_codes WHERE code = '4548-5'").getString(0));
    Row share = row(lh, "SELECT codes, standard, mapped, unmapped, invalid FROM ops.dq_metrics "
        + "WHERE table_name = 'observation' AND element = 'code'");
    assertEquals(6L, share.getLong(0));
    assertEquals(List.of(3L, 0L, 2L, 1L), List.of(share.getLong(1), share.getLong(2), share.getLong(3),
        share.getLong(4)));

    // The lab's own map: its local codes to LOINC, bound to the lab feed. Silver is rebuilt with it.
    Path map = Files.writeString(tmp.resolve("lab-map.json"), """
        {"resourceType":"ConceptMap","url":"urn:test:lab-map","status":"active","group":[{
          "source":"urn:test:lab:local","target":"http://loinc.org","element":[
            {"code":"013964","display":"GLU BLD","target":[{"code":"2339-0","display":"Glucose [Mass/volume] in Blood",
             "equivalence":"equivalent"}]}]}]}""");
    new TerminologyLoad(lh, QUIET).load(List.of(map.toString()), "lab");
    SilverBuild.Result second = new SilverBuild(lh, VIEWS, QUIET).run(false);
    assertTrue(second.full(), "a changed map rebuilds silver");
    Row labAfter = row(lh, "SELECT code_map_status, code_standard_system, code_standard_code, value_canonical, "
        + "unit_canonical FROM silver.observation WHERE source_system = 'lab'");
    assertEquals("mapped", labAfter.getString(0));
    assertEquals("http://loinc.org", labAfter.getString(1));
    assertEquals("2339-0", labAfter.getString(2));
    assertEquals(0, new BigDecimal("99").compareTo(labAfter.getDecimal(3)));
    assertEquals(0, lh.sql("SELECT * FROM ops.unmapped_codes WHERE code = '013964'").count());
    // An incremental build measures the tables as merged: the old rows and the new one.
    Path more = Files.createDirectories(tmp.resolve("more"));
    Files.writeString(more.resolve("Observation.ndjson"), obs("new", coding("http://acme.example/codes", "NEW"), null));
    new FhirBulkIngest(lh, FhirBulkIngest.Options.defaults("ehr", QUIET)).run(List.of(more.toString()));
    assertFalse(new SilverBuild(lh, VIEWS, QUIET).run(false).full());
    Row latest = row(lh, "SELECT codes, unmapped FROM ops.dq_metrics WHERE table_name = 'observation' "
        + "AND element = 'code' ORDER BY measured_at DESC LIMIT 1");
    assertEquals(List.of(7L, 2L), List.of(latest.getLong(0), latest.getLong(1)), "loc and new; the lab's is mapped");
    assertEquals(1, lh.sql("SELECT * FROM ops.unmapped_codes WHERE code = 'NEW'").count());
    assertFalse(new SilverBuild(lh, VIEWS, QUIET).run(false).full(), "nothing changed: no rebuild");
  }
}
