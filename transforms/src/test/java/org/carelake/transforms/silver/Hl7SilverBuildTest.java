package org.carelake.transforms.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.carelake.ingestion.fhir.FhirBulkIngest;
import org.carelake.ingestion.hl7.Hl7BatchIngest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HL7 v2 feeds through bronze into the same silver tables as FHIR: ADT create/update/discharge/cancel with an
 * out-of-order update, lab results, and a FHIR export beside them; incremental equals full.
 */
class Hl7SilverBuildTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static final SilverViews VIEWS = SilverViews.fromClasspath().only(Set.of("patient", "encounter",
      "condition", "observation", "identifier"));

  @TempDir
  Path tmp;

  private static String msh(String type, String time, String id) {
    return "MSH|^~\\&|ADT1|GOOD HEALTH HOSPITAL|CARELAKE|CL|" + time + "||" + type + "|" + id + "|P|2.5.1\r";
  }

  private static final String PID = "PID|1||1001^^^GHH^MR||DOE^JANE^Q||19800102|F|||1 MAIN ST^^BOSTON^MA^02110\r";
  private static final String PV1 = "PV1|1|I|W1^101^A^GHH||||1234^WELBY^MARCUS^^^DR|||MED||||1|||1234^WELBY^MARCUS^^^DR"
      + "|IN|5001^^^GHH^VN|||||||||||||||||||||||||20240101100000\r";

  private void ingestHl7(Lakehouse lh, String name, String... messages) throws IOException {
    Path f = Files.writeString(tmp.resolve(name), String.join("", messages));
    new Hl7BatchIngest(lh, Hl7BatchIngest.Options.defaults("hospital", QUIET)).run(List.of(f.toString()));
  }

  private static long count(Lakehouse lh, String sql) {
    return lh.sql(sql).first().getLong(0);
  }

  private static String one(Lakehouse lh, String sql) {
    List<Row> rows = lh.sql(sql).collectAsList();
    assertEquals(1, rows.size(), sql + " -> " + rows);
    return String.valueOf(rows.get(0).get(0));
  }

  @Test
  void adtAndLabMessagesLandInTheSameSilverTablesAsFhir() throws IOException {
    Lakehouse lh = SharedSpark.freshLakehouse("hl7-silver");
    Path fhir = Files.createDirectories(tmp.resolve("fhir"));
    Files.writeString(fhir.resolve("Patient.ndjson"),
        "{\"resourceType\":\"Patient\",\"id\":\"f1\",\"gender\":\"male\",\"birthDate\":\"1970-05-06\"}\n");
    new FhirBulkIngest(lh, FhirBulkIngest.Options.defaults("ehr", QUIET)).run(List.of(fhir.toString()));

    ingestHl7(lh, "adt-1.hl7",
        msh("ADT^A01^ADT_A01", "20240101100000", "A1") + "EVN|A01|20240101100000\r" + PID + PV1
            + "DG1|1||E11.9^Type 2 diabetes mellitus without complications^I10||20240101|A\r",
        // a newer update, then an older one that arrives after it: the newer must stay
        msh("ADT^A08^ADT_A01", "20240102090000", "A2") + "EVN|A08|20240102090000\r"
            + PID.replace("DOE^JANE^Q", "DOE^JANET^Q") + PV1,
        msh("ADT^A08^ADT_A01", "20231231090000", "A0") + "EVN|A08|20231231090000\r"
            + PID.replace("DOE^JANE^Q", "DOE^OLDNAME") + PV1,
        msh("ORU^R01^ORU_R01", "20240103080000", "L1") + PID.replace("DOE^JANE^Q", "DOE^JANET^Q") + "OBR|1|P1|F1|24323-8^Metabolic panel^LN|||20240103070000\r"
            + "OBX|1|NM|GLU^Glucose^L^2345-7^Glucose [Mass/volume] in Serum or Plasma^LN||95|mg/dL^mg/dL^UCUM|70-99|N|||F"
            + "|||20240103070000\r",
        // another patient admitted, then the admission cancelled
        msh("ADT^A01^ADT_A01", "20240104100000", "B1") + PID.replace("1001", "1002").replace("JANE", "JOHN")
            + PV1.replace("5001", "5002"),
        msh("ADT^A11^ADT_A09", "20240104110000", "B2") + PID.replace("1001", "1002").replace("JANE", "JOHN")
            + PV1.replace("5001", "5002"));

    SilverBuild.Result r1 = new SilverBuild(lh, VIEWS, QUIET).run(false);
    assertTrue(r1.full());
    assertEquals(3, count(lh, "SELECT count(*) FROM silver.patient"), "one FHIR and two HL7 v2 patients");
    assertEquals("JANET", one(lh, "SELECT given FROM silver.patient WHERE source_system = 'hospital' AND "
        + "mrn = '1001'"), "the newest message time wins, whatever the order");
    String person = one(lh, "SELECT person_id FROM silver.patient WHERE given = 'JANET'");
    assertEquals(person, one(lh, "SELECT DISTINCT person_id FROM silver.observation"), "lab result on the same person");
    assertEquals(person, one(lh, "SELECT person_id FROM silver.condition WHERE code_code = 'E11.9'"));
    assertEquals("in-progress", one(lh, "SELECT status FROM silver.encounter"), "the cancelled admission is gone");
    assertEquals(1, count(lh, "SELECT count(*) FROM silver.observation WHERE value_quantity = 95"));
    assertEquals(1, count(lh, "SELECT count(*) FROM silver.identifier WHERE value = '1001'"));

    // The discharge arrives in a later batch: incremental build closes the encounter.
    ingestHl7(lh, "adt-2.hl7", msh("ADT^A03^ADT_A03", "20240105120000", "A3") + "EVN|A03|20240105120000\r"
        + PID.replace("DOE^JANE^Q", "DOE^JANET^Q") + PV1.replace("||20240101100000\r", "||20240101100000|20240105120000\r"));
    SilverBuild.Result r2 = new SilverBuild(lh, VIEWS, QUIET).run(false);
    assertFalse(r2.full());
    assertEquals("finished", one(lh, "SELECT status FROM silver.encounter"));
    assertEquals("2024-01-05 12:00:00.0", one(lh, "SELECT period_end FROM silver.encounter"));

    String incremental = SilverBuildTest.checksum(lh, org.carelake.core.TableName.of(org.carelake.core.Layer.SILVER,
        "encounter")) + SilverBuildTest.checksum(lh, org.carelake.core.TableName.of(org.carelake.core.Layer.SILVER,
        "patient"));
    new SilverBuild(lh, VIEWS, QUIET).run(true);
    assertEquals(incremental, SilverBuildTest.checksum(lh, org.carelake.core.TableName.of(org.carelake.core.Layer.SILVER,
        "encounter")) + SilverBuildTest.checksum(lh, org.carelake.core.TableName.of(org.carelake.core.Layer.SILVER,
        "patient")), "incremental == full");
  }
}
