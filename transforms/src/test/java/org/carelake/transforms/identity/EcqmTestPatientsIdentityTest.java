package org.carelake.transforms.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.carelake.ingestion.fhir.FhirBulkIngest;
import org.carelake.transforms.silver.SilverBuild;
import org.carelake.transforms.silver.SilverViews;
import org.carelake.transforms.terminology.ShippedTerminology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trap on real data: the measure developers' test patients (the eCQM 2025 bulk fixture, 292 patients)
 * through bronze, silver and the identity task. Many are distinct people with the same name, birth date and sex;
 * they must stay apart. Some test cases were cloned from one Bonnie patient and kept its medical record number
 * (system https://bonnie-fhir.healthit.gov/, type MR): clones whose birth date or given name was then changed beyond
 * a keying slip are an overlay (one MRN, two people) and go to review; the others are the same person to any index
 * and link. Another MRN is on 164 of them (a placeholder): it must not count for anything.
 */
class EcqmTestPatientsIdentityTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static Lakehouse lh;

  @BeforeAll
  static void resolveTestPatients() throws java.io.IOException {
    lh = SharedSpark.freshLakehouse("ecqm-identity");
    Path bulk = Path.of(System.getProperty("user.dir"), "../ingestion/src/test/resources/fixtures/ecqm-2025-bulk");
    new FhirBulkIngest(lh, FhirBulkIngest.Options.defaults("madie", QUIET)).run(List.of(bulk.toString()));
    ShippedTerminology.ensure(lh, QUIET);
    new SilverBuild(lh, SilverViews.fromClasspath().only(Set.of("patient", "identifier", "patient_link")), QUIET)
        .run(true);
    new IdentityBuild(lh, IdentityOptions.defaults(), QUIET).run();
    lh.sql("SELECT p.source_patient_id, p.family, p.given, p.birth_date, p.gender, m.person_id, i.value AS mrn "
        + "FROM silver.patient p JOIN silver.person_map m USING (source_system, source_patient_id) "
        + "LEFT JOIN silver.identifier i ON i.source_system = p.source_system AND i.source_id = p.source_patient_id "
        + "AND i.resource_type = 'Patient' AND i.system = 'https://bonnie-fhir.healthit.gov/'")
        .createOrReplaceTempView("ecqm_people");
  }

  @Test
  void namesakesBornTheSameDayStayDistinctPeople() {
    Row namesakes = lh.sql("SELECT count(*) AS pairs, count_if(a.person_id = b.person_id) AS merged FROM ecqm_people a "
        + "JOIN ecqm_people b ON a.source_patient_id < b.source_patient_id AND lower(a.family) = lower(b.family) "
        + "AND lower(a.given) = lower(b.given) AND a.birth_date = b.birth_date AND a.gender <=> b.gender "
        + "WHERE a.mrn IS NULL OR b.mrn IS NULL OR a.mrn <> b.mrn").first();
    assertTrue(namesakes.getLong(0) > 20, "the test patients include namesakes born the same day: " + namesakes);
    assertEquals(0L, namesakes.getLong(1), "namesakes without a common identifier merged");
  }

  @Test
  void onlyClonesUnderOneRecordNumberWithoutContradictionsAreOnePerson() {
    List<Row> persons = lh.sql("SELECT person_id, count(*) AS records, count(DISTINCT mrn) AS mrns, "
        + "collect_list(birth_date) AS births FROM ecqm_people GROUP BY person_id HAVING count(*) > 1").collectAsList();
    assertTrue(persons.size() > 0, "some clones share record number, name and birth date");
    for (Row p : persons) {
      assertEquals(1L, p.getLong(2), "one Bonnie record number per merged person: " + p);
      List<java.sql.Date> births = p.getList(3);
      for (java.sql.Date a : births) {
        for (java.sql.Date b : births) {
          assertTrue(BirthDateComparison.levelOf(a.toLocalDate(), b.toLocalDate()) != BirthDateComparison.DIFFERENT,
              "birth dates of one person differ by no more than a keying slip: " + p);
        }
      }
    }
    assertEquals(292L, lh.sql("SELECT count(*) FROM silver.person_map").first().getLong(0));
  }

  @Test
  void clonesWithAnotherBirthDateOrGivenNameGoToReviewAsOverlays() {
    List<Row> overlays = lh.sql("SELECT r.guard, pa.birth_date AS ba, pb.birth_date AS bb, pa.given AS ga, "
        + "pb.given AS gb FROM gold.identity_review r "
        + "JOIN silver.patient pa ON pa.source_patient_id = r.source_patient_id_a "
        + "JOIN silver.patient pb ON pb.source_patient_id = r.source_patient_id_b "
        + "WHERE r.guard LIKE 'shared mrn contradicted%'").collectAsList();
    assertTrue(overlays.size() >= 5, "cloned test patients with edited demographics are reviewed: " + overlays);
    for (Row o : overlays) {
      boolean differ = !o.get(1).equals(o.get(2)) || !o.getString(3).equalsIgnoreCase(o.getString(4));
      assertTrue(differ, "an overlay differs in birth date or given name: " + o);
    }
    assertEquals(0L, lh.sql("SELECT 1 FROM gold.identity_link WHERE rule = 'mrn' AND person_id IS NULL").count());
  }
}
