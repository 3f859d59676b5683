package org.carelake.marts.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.carelake.core.TableName;
import org.carelake.ingestion.fhir.FhirBulkIngest;
import org.carelake.marts.GoldModels;
import org.carelake.marts.cohort.CohortBuild;
import org.carelake.marts.measure.MeasureBuild;
import org.carelake.marts.measure.MeasureLibrary;
import org.carelake.marts.measure.MeasurementPeriod;
import org.carelake.marts.risk.RiskScoreBuild;
import org.carelake.transforms.silver.SilverBuild;
import org.carelake.transforms.silver.SilverViews;
import org.carelake.transforms.terminology.ShippedTerminology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deid.* over the Synthea fixture (three people with names, addresses, phones, SSNs, passports) plus one registry
 * person born in 1921 in a restricted ZIP prefix, through the real ingest, silver, gold, measures, risk and cohorts.
 */
class DeidBuildTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static final MeasurementPeriod PERIOD = MeasurementPeriod.parse("2025-01-01/2025-12-31");
  private static final LocalDate AS_OF = PERIOD.end();
  private static final DeidSecret SECRET = DeidSecret.of("test-secret-0123456789abcdef");
  private static final String OLD_PATIENT = "{\"resourceType\":\"Patient\",\"id\":\"reg-old-1\","
      + "\"identifier\":[{\"system\":\"urn:oid:2.16.840.1.113883.4.1\",\"value\":\"123-45-6789\"}],"
      + "\"name\":[{\"family\":\"Oldenburgh\",\"given\":[\"Winifred\"]}],\"gender\":\"female\","
      + "\"birthDate\":\"1921-05-04\",\"telecom\":[{\"system\":\"phone\",\"value\":\"603-555-0199\"},"
      + "{\"system\":\"email\",\"value\":\"winifred@example.org\"}],\"address\":[{\"line\":[\"12 Birch Lane\"],"
      + "\"city\":\"Colebrook\",\"state\":\"NH\",\"postalCode\":\"03601\"}]}\n";
  private static final String OLD_CONDITION = "{\"resourceType\":\"Condition\",\"id\":\"reg-c-1\","
      + "\"subject\":{\"reference\":\"Patient/reg-old-1\"},\"code\":{\"coding\":[{"
      + "\"system\":\"http://snomed.info/sct\",\"code\":\"44054006\",\"display\":\"Diabetes\"}],"
      + "\"text\":\"DM2 per Dr Quimby at 12 Birch Lane\"},"
      + "\"onsetDateTime\":\"2019-07-14T10:00:00Z\"}\n";
  @TempDir
  static Path tmp;
  private static Lakehouse lh;
  private static Map<String, Long> built;

  @BeforeAll
  static void buildTheLakehouseAndDeid() throws Exception {
    lh = SharedSpark.freshLakehouse("deid");
    Path synthea = Path.of(System.getProperty("user.dir"), "../ingestion/src/test/resources/fixtures/synthea-3");
    new FhirBulkIngest(lh, FhirBulkIngest.Options.defaults("synthea", QUIET)).run(List.of(synthea.toString()));
    Path registry = Files.createDirectories(tmp.resolve("registry"));
    Files.writeString(registry.resolve("Patient.ndjson"), OLD_PATIENT);
    Files.writeString(registry.resolve("Condition.ndjson"), OLD_CONDITION);
    new FhirBulkIngest(lh, FhirBulkIngest.Options.defaults("registry", QUIET)).run(List.of(registry.toString()));
    ShippedTerminology.ensure(lh, QUIET);
    new SilverBuild(lh, SilverViews.fromClasspath(), QUIET).run(true);
    GoldModels.build(lh, GoldModels.fromClasspath(), QUIET);
    new MeasureBuild(lh, MeasureLibrary.fromClasspath(), QUIET).run(PERIOD, List.of());
    new RiskScoreBuild(lh, QUIET).run(PERIOD);
    CohortBuild.shipped(lh, QUIET).run(PERIOD.end());
    built = DeidBuild.shipped(lh, SECRET, AS_OF, QUIET).run();
  }

  @Test
  void everyPolicyIsBuiltAndNoDateOrIdentifierColumnSurvives() {
    for (DeidPolicy p : DeidPolicy.shipped()) {
      assertTrue(built.containsKey(p.table()), "deid." + p.table() + " built: " + built);
      if (List.of("person", "encounter", "condition", "observation", "patient_year").contains(p.table())) {
        assertTrue(built.get(p.table()) > 0, "deid." + p.table() + " has rows");
      }
      for (StructField f : lh.table(TableName.parse("deid." + p.table())).schema().fields()) {
        assertFalse(f.dataType().equals(DataTypes.DateType) || f.dataType().equals(DataTypes.TimestampType),
            "deid." + p.table() + "." + f.name() + " is a date");
        assertFalse(DeidBuild.IDENTIFYING_NAME.matcher(f.name()).find(), "deid." + p.table() + "." + f.name());
      }
    }
  }

  @Test
  void noNameAddressPhoneIdOrFullDateOfTheSourceIsAnywhereInDeid() {
    Set<String> identifiers = new HashSet<>();
    for (Row r : lh.sql("SELECT given_all, family, mrn, ssn, drivers_license, passport, phone, email, address_line, "
        + "address_city, address_postal_code, CAST(birth_date AS STRING), source_patient_id FROM silver.patient")
        .collectAsList()) {
      for (int i = 0; i < r.length(); i++) {
        Object v = r.get(i);
        if (v instanceof scala.collection.Seq<?> s) {
          s.foreach(x -> identifiers.add(String.valueOf(x)));
        } else if (v != null) {
          identifiers.add(v.toString());
        }
      }
    }
    for (Row r : lh.sql("SELECT person_id FROM gold.dim_person UNION SELECT source_id FROM silver.encounter "
        + "UNION SELECT source_id FROM silver.condition").collectAsList()) {
      identifiers.add(r.getString(0));
    }
    identifiers.removeIf(s -> s.length() < 5 || s.equals("00000"));
    assertTrue(identifiers.containsAll(List.of("Oldenburgh", "03601", "603-555-0199", "winifred@example.org",
        "1921-05-04", "999-43-9906", "Romaguera67", "02149")), "the source holds them: " + identifiers);
    // As whole tokens: a 64-hex pseudonym or a long code may hold five digits of a ZIP by chance.
    Map<String, Pattern> tokens = new java.util.HashMap<>();
    identifiers.forEach(id -> tokens.put(id, Pattern.compile("(?<![0-9A-Za-z])" + Pattern.quote(id)
        + "(?![0-9A-Za-z])")));
    List<String> leaks = new ArrayList<>();
    for (String table : built.keySet()) {
      for (Row r : lh.sql("SELECT to_json(struct(*)) FROM deid." + table).collectAsList()) {
        String json = r.getString(0);
        for (Map.Entry<String, Pattern> id : tokens.entrySet()) {
          if (id.getValue().matcher(json).find()) {
            leaks.add("deid." + table + ": " + id.getKey());
          }
        }
        assertFalse(json.matches(".*\\d{4}-\\d{2}-\\d{2}.*"), "a full date in deid." + table + ": " + json);
        assertFalse(json.contains("Birch") || json.contains("Quimby"), "free text in deid." + table + ": " + json);
      }
    }
    assertEquals(List.of(), leaks.stream().distinct().toList());
  }

  @Test
  void birthDatesBecomeYearsAgesStopAt90AndZipsKeepThreeDigitsOrBecome000() {
    Map<String, String> pseudonymOf = new java.util.HashMap<>();
    for (Row r : lh.sql("SELECT person_id, source_patient_id FROM gold.dim_person").collectAsList()) {
      pseudonymOf.put(r.getString(1), SECRET.pseudonym(r.getString(0)));
    }
    Row old = lh.sql("SELECT birth_year, age, zip3, state FROM deid.person WHERE person_id = '"
        + pseudonymOf.get("reg-old-1") + "'").first();
    assertNull(old.get(0), "no birth year at 90 or over");
    assertEquals(90, old.getInt(1), "104 in 2025: shown as 90");
    assertEquals("000", old.getString(2), "036 is a restricted prefix (population under 20,000)");
    assertEquals("NH", old.getString(3));
    Row young = lh.sql("SELECT birth_year, age, zip3 FROM deid.person WHERE person_id = '"
        + pseudonymOf.get("6d0fcea7-4f9d-beef-c326-d4a90b059348") + "'").first();
    assertEquals(2012, young.getInt(0));
    assertEquals(13, young.getInt(1), "born 2012-03-07, 13 on 2025-12-31");
    assertEquals("021", young.getString(2));
    assertTrue(DeidBuild.restrictedZip3().containsAll(List.of("036", "059", "893")));
  }

  @Test
  void pseudonymsAreTheKeyedHmacStableAcrossRunsAndChangeWithTheSecret() {
    List<String> gold = lh.sql("SELECT person_id FROM gold.dim_person ORDER BY 1").as(
        org.apache.spark.sql.Encoders.STRING()).collectAsList();
    Set<String> expected = new HashSet<>();
    gold.forEach(p -> expected.add(SECRET.pseudonym(p)));
    Set<String> first = personIds();
    assertEquals(expected, first, "SQL HMAC equals javax.crypto HmacSHA256");
    Set<String> conditions = new HashSet<>(lh.sql("SELECT DISTINCT person_id FROM deid.condition")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertTrue(first.containsAll(conditions), "tables join on the pseudonym");

    DeidBuild.shipped(lh, SECRET, AS_OF, QUIET).run();
    assertEquals(first, personIds(), "same secret, same pseudonyms");
    DeidBuild.shipped(lh, DeidSecret.of("another-secret-fedcba987654321"), AS_OF, QUIET).run();
    Set<String> other = personIds();
    assertEquals(first.size(), other.size());
    other.retainAll(first);
    assertEquals(Set.of(), other, "another secret, other pseudonyms");
    DeidBuild.shipped(lh, SECRET, AS_OF, QUIET).run();
  }

  private static Set<String> personIds() {
    return new HashSet<>(lh.sql("SELECT person_id FROM deid.person").as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList());
  }

  @Test
  void aMissingSecretIsRefusedOutsideDemoAndTest() throws Exception {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> DeidSecret.resolve(k -> null));
    assertTrue(e.getMessage().contains(DeidSecret.SECRET) && e.getMessage().contains(DeidSecret.SECRET_FILE),
        e.getMessage());
    assertTrue(DeidSecret.resolve(k -> k.equals(DeidSecret.ALLOW_DEMO) ? "true" : null).demo());
    assertThrows(IllegalArgumentException.class, () -> DeidSecret.resolve(k -> k.equals(DeidSecret.SECRET) ? "short"
        : null));
    Path file = Files.writeString(tmp.resolve("secret"), "file-secret-0123456789abcdef\n");
    DeidSecret fromFile = DeidSecret.resolve(k -> k.equals(DeidSecret.SECRET_FILE) ? file.toString() : null);
    assertEquals(DeidSecret.of("file-secret-0123456789abcdef").pseudonym("p"), fromFile.pseudonym("p"));
  }

  @Test
  void policiesThatLetIdentifiersOrDatesThroughAreRefused() {
    DeidBuild build = DeidBuild.shipped(lh, SECRET, AS_OF, QUIET);
    for (String[] bad : List.of(
        new String[] {"family_name = keep(family_name)", "identifier or free text"},
        new String[] {"born = keep(birth_date)", "identifier or free text"},
        new String[] {"updated = keep(last_updated)", "is a date"},
        new String[] {"pid = keep(source_patient_id)", "is an id"},
        new String[] {"x = keep(no_such_column)", "has no column"})) {
      DeidPolicy p = DeidPolicy.parse("bad.json", "{\"table\":\"bad\",\"source\":\"gold.dim_person\",\"columns\":"
          + "[\"person_id = pseudonym(person_id)\", \"" + bad[0] + "\"]}");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> build.apply(p, lh.table(p.source())), bad[0]);
      assertTrue(e.getMessage().contains(bad[1]), bad[0] + ": " + e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> DeidPolicy.parse("np.json",
        "{\"table\":\"np\",\"source\":\"gold.dim_person\",\"columns\":[\"gender = keep(gender)\"]}"));
  }
}
