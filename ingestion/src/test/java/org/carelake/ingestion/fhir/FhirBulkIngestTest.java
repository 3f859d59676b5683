package org.carelake.ingestion.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.carelake.core.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bronze ingestion end to end on a real local Spark session and real Delta tables. */
class FhirBulkIngestTest {
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @TempDir
  Path tmp;

  private static IngestResult ingest(Lakehouse lh, String source, long chunkBytes, int maxLine, String... paths)
      throws IOException {
    return new FhirBulkIngest(lh, new FhirBulkIngest.Options(source, maxLine, chunkBytes, QUIET)).run(List.of(paths));
  }

  private static IngestResult ingest(Lakehouse lh, String... paths) throws IOException {
    return ingest(lh, "test", 32L << 20, 64 << 20, paths);
  }

  private static long count(Lakehouse lh, String sql) {
    return lh.sql(sql).first().getLong(0);
  }

  @Test
  void syntheaGzipExportLandsLineForLineAndSecondIngestAddsNothing() throws IOException {
    Lakehouse lh = SharedSpark.freshLakehouse("synthea");
    Path dir = Fixtures.dir("synthea-3");
    List<String> lines = Fixtures.lines(dir);

    IngestResult first = ingest(lh, dir.toString());
    assertEquals(lines.size(), first.accepted());
    assertEquals(0, first.quarantined());
    assertEquals(lines.size(), count(lh, "SELECT count(*) FROM bronze.fhir_resource"));
    assertTrue(first.files().stream().allMatch(FileReport::reconciles));
    assertEquals(first.files().size(), count(lh, "SELECT count(*) FROM ops.ingest_ledger"));

    // Every stored resource is byte-for-byte a line of the input.
    List<String> stored = lh.sql("SELECT resource FROM bronze.fhir_resource").as(
        org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertEquals(new java.util.HashSet<>(lines), new java.util.HashSet<>(stored));

    IngestResult second = ingest(lh, dir.toString());
    assertEquals(0, second.accepted());
    assertEquals(first.files().size(), second.skippedFiles());
    assertEquals(lines.size(), count(lh, "SELECT count(*) FROM bronze.fhir_resource"));
    assertEquals(first.files().size(), count(lh, "SELECT count(*) FROM ops.ingest_ledger"));
  }

  @Test
  void ecqmTestCaseExportCountsMatchAndRowsCarryLineage() throws IOException {
    Lakehouse lh = SharedSpark.freshLakehouse("ecqm");
    Path dir = Fixtures.dir("ecqm-2025-bulk");
    List<String> lines = Fixtures.lines(dir);

    IngestResult r = ingest(lh, "ecqm", 96 << 10, 64 << 20, dir.toString()); // small chunks: several parts per file
    assertEquals(lines.size(), r.accepted());
    assertEquals(lines.size(), count(lh, "SELECT count(*) FROM bronze.fhir_resource"));
    assertEquals(lines.size(), count(lh, "SELECT count(*) FROM bronze.fhir_current"));
    assertEquals(0, count(lh, "SELECT count(*) FROM bronze.fhir_resource WHERE declared_type <> resource_type"));

    // file + line point back at exactly the stored text, even across chunk boundaries.
    List<Row> rows = lh.sql("SELECT file, line, resource FROM bronze.fhir_resource").collectAsList();
    Map<String, List<String>> byFile = new HashMap<>();
    for (Row row : rows) {
      List<String> fileLines = byFile.computeIfAbsent(row.getString(0), f -> {
        try {
          return Fixtures.lines(Path.of(java.net.URI.create(f)), true);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      assertEquals(fileLines.get((int) row.getLong(1) - 1), row.getString(2), row.getString(0) + ":" + row.getLong(1));
    }

    // Patient compartment: patient_id is what the resource's subject/patient reference says (the test cases hold
    // some references to patients outside the export, so compare with the reference, not with the Patient rows).
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<Row> clinical = lh.sql("SELECT resource, patient_id FROM bronze.fhir_resource "
        + "WHERE resource_type IN ('Condition', 'Encounter', 'Observation', 'Procedure', 'Patient')").collectAsList();
    assertTrue(clinical.size() > 500);
    for (Row row : clinical) {
      var node = json.readTree(row.getString(0));
      String expected = node.path("resourceType").asText().equals("Patient") ? node.path("id").asText()
          : node.path(node.has("subject") ? "subject" : "patient").path("reference").asText().replaceFirst("^Patient/", "");
      assertEquals(expected, row.getString(1), row.getString(0));
    }
    assertTrue(count(lh, "SELECT count(*) FROM bronze.fhir_resource WHERE content_hash RLIKE '^[0-9a-f]{64}$'")
        == lines.size());
    assertBronzeFilesSkipDictionariesOnUniqueColumns(lh);
  }

  /**
   * No dictionary on the per-row-unique columns, the default on the others: bronze is created with the properties
   * (Delta hands them to Parquet) and its files show it. A unique column's dictionary gives up at its first page, so
   * the files alone cannot tell whether it was attempted; the properties can.
   */
  private static void assertBronzeFilesSkipDictionariesOnUniqueColumns(Lakehouse lh) throws IOException {
    var properties = lh.tableProperties(org.carelake.core.Tables.FHIR_RESOURCE);
    for (String unique : List.of("resource", "content_hash", "resource_id", "line")) {
      assertEquals("false", properties.get("parquet.enable.dictionary#" + unique), unique + " in " + properties);
    }
    List<String> files = lh.sql("SELECT input_file_name() FROM bronze.fhir_resource WHERE resource_type = 'Encounter'")
        .distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertFalse(files.isEmpty());
    var path = new org.apache.hadoop.fs.Path(files.get(0));
    var conf = lh.spark().sparkContext().hadoopConfiguration();
    try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(
        org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(path, conf))) {
      java.util.Map<String, Boolean> dictionary = new java.util.HashMap<>();
      for (var column : reader.getFooter().getBlocks().get(0).getColumns()) {
        dictionary.put(column.getPath().toDotString(), column.getEncodings().stream().anyMatch(e -> e.usesDictionary()));
      }
      for (String unique : List.of("resource", "content_hash", "resource_id", "line")) {
        assertEquals(false, dictionary.get(unique), unique + " in " + dictionary);
      }
      assertEquals(true, dictionary.get("patient_id"), "patient_id in " + dictionary);
    }
  }

  @Test
  void deletionManifestRemovesResourcesFromCurrentState() throws IOException {
    Lakehouse lh = SharedSpark.freshLakehouse("deletions");
    Path export = tmp.resolve("export");
    Files.createDirectories(export);
    Path src = Fixtures.dir("ecqm-2025-bulk");
    Files.copy(src.resolve("Patient.ndjson"), export.resolve("Patient.ndjson"));
    Files.copy(src.resolve("Condition.ndjson"), export.resolve("Condition.ndjson"));
    Files.writeString(export.resolve("manifest.json"), """
        {"transactionTime": "2026-01-01T00:00:00Z", "requiresAccessToken": false,
         "output": [{"type": "Patient", "url": "Patient.ndjson"}, {"type": "Condition", "url": "Condition.ndjson"}],
         "error": []}""");
    ingest(lh, export.resolve("manifest.json").toString());
    String patient = lh.sql("SELECT resource_id FROM bronze.fhir_current WHERE resource_type = 'Patient' "
        + "ORDER BY resource_id LIMIT 1").first().getString(0);
    String condition = lh.sql("SELECT resource_id FROM bronze.fhir_current WHERE resource_type = 'Condition' "
        + "ORDER BY resource_id LIMIT 1").first().getString(0);
    long before = count(lh, "SELECT count(*) FROM bronze.fhir_current");

    // A later incremental export that only deletes.
    Path inc = tmp.resolve("incremental");
    Files.createDirectories(inc);
    Files.writeString(inc.resolve("Bundle.deleted.ndjson"), """
        {"resourceType":"Bundle","type":"transaction","entry":[{"request":{"method":"DELETE","url":"Patient/%s"}},\
        {"request":{"method":"DELETE","url":"Condition/%s"}}]}
        """.formatted(patient, condition));
    Files.writeString(inc.resolve("manifest.json"), """
        {"transactionTime": "2099-01-01T00:00:00Z", "output": [],
         "deleted": [{"type": "Bundle", "url": "Bundle.deleted.ndjson"}]}""");
    IngestResult r = ingest(lh, inc.resolve("manifest.json").toString());
    assertEquals(2, r.tombstones());
    assertEquals(1, r.accepted());

    assertEquals(before - 2, count(lh, "SELECT count(*) FROM bronze.fhir_current"));
    assertEquals(0, count(lh, "SELECT count(*) FROM bronze.fhir_current WHERE resource_id IN ('%s', '%s')"
        .formatted(patient, condition)));
    // Bronze keeps history: the original versions and the tombstones are both there.
    assertEquals(2, count(lh, "SELECT count(*) FROM bronze.fhir_resource WHERE is_deleted"));
    assertEquals(4, count(lh, "SELECT count(*) FROM bronze.fhir_resource WHERE resource_id IN ('%s', '%s')"
        .formatted(patient, condition)));
  }

  @Test
  void badLinesGoToQuarantineWithReasonAndLineAndTheRestIsKept() throws IOException {
    Lakehouse lh = SharedSpark.freshLakehouse("quarantine");
    Path file = tmp.resolve("Observation.ndjson");
    String good = "{\"resourceType\":\"Observation\",\"id\":\"o%d\",\"subject\":{\"reference\":\"Patient/p1\"}}";
    byte[] badUtf8 = "{\"resourceType\":\"Observation\",\"id\":\"bad\",\"note\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    PrintStream w = new PrintStream(b, true, StandardCharsets.UTF_8);
    w.print(good.formatted(1) + "\n");                                       // 1 ok
    w.print("{\"resourceType\":\"Observation\",\"id\":\"x\"\n");              // 2 malformed
    w.print("\n");                                                            // 3 blank
    w.flush();
    b.write(badUtf8);                                                         // 4 invalid utf-8
    w.print("\n");
    w.print("{\"id\":\"no-type\"}\n");                                        // 5 missing resourceType
    w.print("{\"resourceType\":\"Observation\"}\n");                          // 6 missing id
    w.print("[1,2,3]\n");                                                     // 7 not an object
    w.print("{\"resourceType\":\"Observation\",\"id\":\"big\",\"x\":\"" + "a".repeat(5000) + "\"}\r\n"); // 8 too long
    w.print(good.formatted(2) + "\r\n");                                      // 9 ok (CRLF)
    w.print(good.formatted(3));                                               // 10 ok, no final newline
    Files.write(file, b.toByteArray());

    IngestResult r = ingest(lh, "test", 32L << 20, 4096, file.toString());
    assertEquals(10, r.lines());
    assertEquals(3, r.accepted());
    assertEquals(6, r.quarantined());
    assertEquals(1, r.blank());
    assertTrue(r.hasQuarantine());

    Map<Long, String> reasons = new HashMap<>();
    for (Row row : lh.sql("SELECT line, reason, detail, excerpt, file FROM quarantine.input").collectAsList()) {
      reasons.put(row.getLong(0), row.getString(1));
      assertFalse(row.getString(2).isBlank());
      assertTrue(row.getString(4).endsWith("Observation.ndjson"));
    }
    assertEquals(Map.of(2L, "malformed_json", 4L, "invalid_utf8", 5L, "missing_resource_type", 6L, "missing_id",
        7L, "not_an_object", 8L, "line_too_long"), reasons);
    assertEquals(5000 + 50, lh.sql("SELECT length FROM quarantine.input WHERE reason = 'line_too_long'").first().getLong(0),
        50);
    assertEquals(List.of("o1", "o2", "o3"), lh.sql("SELECT resource_id FROM bronze.fhir_resource ORDER BY line")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertEquals(List.of(1L, 9L, 10L), lh.sql("SELECT line FROM bronze.fhir_resource ORDER BY line")
        .as(org.apache.spark.sql.Encoders.LONG()).collectAsList());
    Row ledger = lh.sql("SELECT lines, accepted, quarantined, blank FROM ops.ingest_ledger").first();
    assertEquals(List.of(10L, 3L, 6L, 1L), List.of(ledger.getLong(0), ledger.getLong(1), ledger.getLong(2), ledger.getLong(3)));
  }

  @Test
  void recordOfAnotherTypeThanItsFileIsKeptAndFlagged() throws IOException {
    Lakehouse lh = SharedSpark.freshLakehouse("mismatch");
    Path file = tmp.resolve("Patient.000.ndjson");
    Files.writeString(file, "{\"resourceType\":\"Patient\",\"id\":\"p1\"}\n{\"resourceType\":\"Observation\",\"id\":\"o1\"}\n");
    IngestResult r = ingest(lh, file.toString());
    assertEquals(1, r.typeMismatches());
    assertEquals(2, r.accepted());
    assertEquals("Observation", lh.sql("SELECT resource_type FROM bronze.fhir_resource WHERE declared_type <> resource_type")
        .first().getString(0));
    assertEquals(1, count(lh, "SELECT sum(type_mismatches) FROM ops.ingest_ledger"));
  }

  @Test
  void newerVersionWinsInCurrentStateWhateverTheIngestOrder() throws IOException {
    Lakehouse lh = SharedSpark.freshLakehouse("versions");
    Path newer = tmp.resolve("a/Patient.ndjson");
    Path older = tmp.resolve("b/Patient.ndjson");
    Files.createDirectories(newer.getParent());
    Files.createDirectories(older.getParent());
    Files.writeString(newer, "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"meta\":{\"versionId\":\"2\",\"lastUpdated\":\"2025-06-01T00:00:00Z\"}}\n");
    Files.writeString(older, "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"meta\":{\"versionId\":\"1\",\"lastUpdated\":\"2025-01-01T00:00:00+02:00\"}}\n");
    ingest(lh, newer.toString());
    ingest(lh, older.toString());
    assertEquals(2, count(lh, "SELECT count(*) FROM bronze.fhir_resource"));
    assertEquals("2", lh.sql("SELECT version_id FROM bronze.fhir_current").first().getString(0));
    assertEquals(1, count(lh, "SELECT count(*) FROM bronze.fhir_current"));
  }

  @Test
  void crashBeforeLedgerCommitIsRolledBackAndReRunEqualsCleanRun() throws IOException {
    Path dir = Fixtures.dir("ecqm-2025-bulk");
    Lakehouse clean = SharedSpark.freshLakehouse("clean");
    ingest(clean, dir.resolve("Encounter.ndjson").toString());
    long expected = count(clean, "SELECT count(*) FROM bronze.fhir_resource");

    Lakehouse lh = SharedSpark.freshLakehouse("crash");
    ingest(lh, dir.resolve("Encounter.ndjson").toString());
    // Simulate a process that died after its bronze append and before its ledger commit.
    lh.sql("DELETE FROM delta.`" + lh.path(Tables.INGEST_LEDGER) + "`");
    assertEquals(expected, count(lh, "SELECT count(*) FROM bronze.fhir_resource"));

    IngestResult rerun = ingest(lh, dir.resolve("Encounter.ndjson").toString());
    assertEquals(expected, rerun.accepted());
    assertEquals(expected, count(lh, "SELECT count(*) FROM bronze.fhir_resource"));
    assertEquals(1, count(lh, "SELECT count(DISTINCT batch_id) FROM bronze.fhir_resource"));
  }

  @Test
  void missingPathIsAUsageError() {
    Lakehouse lh = SharedSpark.freshLakehouse("missing");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ingest(lh, tmp.resolve("nope").toString()));
    assertTrue(e.getMessage().contains("nope"));
  }
}
