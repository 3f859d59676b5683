package org.carelake.transforms.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.SharedSpark;
import org.carelake.core.TableName;
import org.carelake.ingestion.fhir.FhirBulkIngest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Silver from the 3-patient Synthea fixture (the ingestion module's, a real bulk export): a full build, then the same
 * data arriving in two batches (references first, their targets later, then an update, a deletion and an
 * entered-in-error record) built incrementally, which must give the same tables as a full rebuild of that bronze.
 */
class SilverBuildTest {
  private static final Path SYNTHEA = Path.of("../ingestion/src/test/resources/fixtures/synthea-3");
  /** Types referenced by others: they arrive in the second batch, so the first batch's references dangle. */
  private static final Set<String> TARGETS = Set.of("Practitioner", "Organization", "Location", "PractitionerRole",
      "Medication");
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @TempDir
  static Path tmp;

  static Path first;
  static Path second;

  @BeforeAll
  static void splitFixture() throws IOException {
    first = Files.createDirectories(tmp.resolve("first"));
    second = Files.createDirectories(tmp.resolve("second"));
    try (var files = Files.list(SYNTHEA)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".ndjson.gz")) {
          continue;
        }
        String type = name.substring(0, name.indexOf('.'));
        Path out = (TARGETS.contains(type) ? second : first).resolve(type + ".ndjson");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
          Files.write(out, in.readAllBytes());
        }
      }
    }
    // Second batch also: a newer version of a patient, a deletion, and a condition entered in error.
    String patient = Files.readAllLines(first.resolve("Patient.ndjson")).get(0);
    String patientId = id(patient);
    Files.writeString(second.resolve("Patient.ndjson"), patient
        .replaceFirst("\"family\":\"[^\"]*\"", "\"family\":\"Renamed\"")
        .replaceFirst("\"meta\":\\{", "\"meta\":{\"versionId\":\"2\",") + "\n");
    String observationId = id(Files.readAllLines(first.resolve("Observation.ndjson")).get(0));
    Files.writeString(second.resolve("Bundle.deleted.ndjson"), """
        {"resourceType":"Bundle","type":"transaction","entry":[{"request":{"method":"DELETE","url":"Observation/%s"}}]}
        """.formatted(observationId));
    String condition = Files.readAllLines(first.resolve("Condition.ndjson")).get(0);
    Files.writeString(second.resolve("Condition.ndjson"), condition
        .replaceFirst("\"meta\":\\{", "\"meta\":{\"versionId\":\"2\",")
        .replaceFirst("\"verificationStatus\":\\{\"coding\":\\[\\{([^}]*)\"code\":\"[a-z-]*\"",
            "\"verificationStatus\":{\"coding\":[{$1\"code\":\"entered-in-error\"") + "\n");
    List<String> outputs = new ArrayList<>();
    try (var files = Files.list(second)) {
      for (Path f : files.toList()) {
        String n = f.getFileName().toString();
        if (!n.startsWith("Bundle")) {
          outputs.add("{\"type\":\"" + n.substring(0, n.indexOf('.')) + "\",\"url\":\"" + n + "\"}");
        }
      }
    }
    Files.writeString(second.resolve("manifest.json"), "{\"transactionTime\":\"2099-01-01T00:00:00Z\",\"output\":["
        + String.join(",", outputs) + "],\"deleted\":[{\"type\":\"Bundle\",\"url\":\"Bundle.deleted.ndjson\"}]}");
    assertTrue(patientId.length() > 0);
  }

  private static String id(String json) {
    int i = json.indexOf("\"id\":\"") + 6;
    return json.substring(i, json.indexOf('"', i));
  }

  private static void ingest(Lakehouse lh, Path path) throws IOException {
    new FhirBulkIngest(lh, new FhirBulkIngest.Options("ehr", 64 << 20, 32L << 20, QUIET)).run(List.of(path.toString()));
  }

  /** The shipped views of the tables this test looks at (all 32 tables would only make it slower). */
  private static final SilverViews VIEWS = SilverViews.fromClasspath().only(Set.of("identifier", "patient",
      "encounter", "condition", "observation", "observation_component", "medication", "medication_request",
      "practitioner", "organization", "location", "coding"));

  private static SilverBuild.Result build(Lakehouse lh, boolean full) {
    return new SilverBuild(lh, VIEWS, QUIET).run(full);
  }

  private static long count(Lakehouse lh, String sql) {
    return lh.sql(sql).first().getLong(0);
  }

  @Test
  void incrementalBuildsEqualAFullBuildAndApplyUpdatesDeletionsAndEnteredInError() throws IOException {
    Lakehouse inc = SharedSpark.freshLakehouse("silver-incremental");
    ingest(inc, first);
    SilverBuild.Result r1 = build(inc, false);
    assertTrue(r1.full(), "the first build is a full one");
    assertTrue(count(inc, "SELECT count(*) FROM silver.encounter WHERE instr(participant_id, '?') > 0") > 0,
        "practitioners not ingested yet: conditional references stay unresolved");
    assertTrue(count(inc, "SELECT coalesce(sum(dangling), 0L) FROM ops.reference_check") > 0,
        "references to resources not yet received are counted as dangling");
    long observations = count(inc, "SELECT count(*) FROM silver.observation");
    String deletedObservation = id(firstLine("Observation.ndjson"));

    ingest(inc, second.resolve("manifest.json"));
    SilverBuild.Result r2 = build(inc, false);
    assertFalse(r2.full(), "the second build is incremental");
    assertEquals(1, r2.batches());
    assertEquals(0, count(inc, "SELECT count(*) FROM silver.encounter WHERE instr(participant_id, '?') > 0"),
        "the late pass resolved conditional references whose targets arrived later");
    assertEquals(observations - 1, count(inc, "SELECT count(*) FROM silver.observation"));
    assertEquals(0, count(inc, "SELECT count(*) FROM silver.observation WHERE source_id = '" + deletedObservation + "'"));
    assertEquals(1, count(inc, "SELECT count(*) FROM silver.patient WHERE family = 'Renamed'"), "newer version wins");
    assertEquals(0, count(inc, "SELECT count(*) FROM silver.condition WHERE source_id = '"
        + id(firstLine("Condition.ndjson")) + "'"), "entered-in-error leaves the current state");
    assertTrue(build(inc, false).upToDate(), "nothing new: nothing to do");

    // A batch of Patients only: the tables no Patient feeds are not even merged (their Delta version stays).
    long observationVersion = version(inc, "observation");
    long patientVersion = version(inc, "patient");
    Path third = Files.createDirectories(tmp.resolve("third"));
    Files.writeString(third.resolve("Patient.ndjson"), firstLine("Patient.ndjson")
        .replaceFirst("\"family\":\"[^\"]*\"", "\"family\":\"Thrice\"")
        .replaceFirst("\"meta\":\\{", "\"meta\":{\"versionId\":\"3\",") + "\n");
    ingest(inc, third);
    assertFalse(build(inc, false).full());
    assertEquals(1, count(inc, "SELECT count(*) FROM silver.patient WHERE family = 'Thrice'"));
    assertTrue(version(inc, "patient") > patientVersion, "silver.patient merged the new version");
    assertEquals(observationVersion, version(inc, "observation"), "silver.observation left alone");

    // The same bronze rebuilt from scratch must give the same tables.
    java.util.Map<String, String> incremental = new java.util.LinkedHashMap<>();
    for (String table : VIEWS.byTable().keySet()) {
      incremental.put(table, checksum(inc, TableName.of(Layer.SILVER, table)));
    }
    assertTrue(build(inc, true).full());
    for (String table : incremental.keySet()) {
      assertEquals(incremental.get(table), checksum(inc, TableName.of(Layer.SILVER, table)),
          "silver." + table + ": incremental == full");
    }
    Lakehouse full = inc;
    assertEquals(0, count(full, "SELECT coalesce(sum(dangling), 0L) FROM ops.reference_check WHERE table_name = "
        + "'encounter' AND column_name = 'participant_id'"));
    assertTrue(count(full, "SELECT count(DISTINCT person_id) FROM silver.encounter") == 3);
    assertEquals(count(full, "SELECT count(*) FROM silver.medication_request"),
        count(full, "SELECT count(*) FROM silver.medication_request WHERE medication_code IS NOT NULL"),
        "every medication request has a drug code, by reference or inline");
  }

  private static String firstLine(String file) {
    try {
      return Files.readAllLines(first.resolve(file), StandardCharsets.UTF_8).get(0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long version(Lakehouse lh, String table) {
    return io.delta.tables.DeltaTable.forPath(lh.spark(), lh.path(TableName.of(Layer.SILVER, table))).history(1)
        .select("version").head().getLong(0);
  }

  /** Row count and an order-independent hash of every row. */
  static String checksum(Lakehouse lh, TableName t) {
    Dataset<Row> rows = lh.table(t);
    Row r = rows.selectExpr("count(*)", "coalesce(sum(CAST(xxhash64(*) AS DECIMAL(38, 0))), 0)").first();
    return r.getLong(0) + ":" + r.get(1);
  }
}
