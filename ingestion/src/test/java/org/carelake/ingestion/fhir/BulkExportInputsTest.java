package org.carelake.ingestion.fhir;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BulkExportInputsTest {
  private static final Configuration CONF = new Configuration();

  @TempDir
  Path dir;

  static void touch(Path p) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, "{\"resourceType\":\"Basic\",\"id\":\"1\"}\n");
  }

  /** The local file an input's Hadoop URI names. */
  static Path local(InputFile f) {
    URI u = new org.apache.hadoop.fs.Path(f.uri()).toUri();
    assertEquals("file", u.getScheme(), f.uri());
    return Path.of(u);
  }

  static BulkExportInputs.Resolved resolve(String... locations) throws IOException {
    return BulkExportInputs.resolve(List.of(locations), CONF);
  }

  static IllegalArgumentException rejected(String... locations) {
    return assertThrows(IllegalArgumentException.class, () -> resolve(locations));
  }

  // ---- file names ----

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(nullValues = "null", value = {
      "Patient.ndjson, Patient",
      "Observation.000.ndjson, Observation",
      "Location.1795650165772.ndjson, Location",
      "Condition.ndjson.gz, Condition",
      "Location.1795650165772.ndjson.gz, Location",
      "MedicationRequest.ndjson, MedicationRequest",
      "ExplanationOfBenefit-2.ndjson, ExplanationOfBenefit",
      "Observation_part1.ndjson.gz, Observation",
      "patient.ndjson, null",
      "observation.000.ndjson, null",
      "Patient.json, null",
      "Patient.ndjson.bak, null",
      "Patient.ndjsonx, null",
      "P.ndjson, null",
      "123.ndjson, null",
      ".ndjson, null",
      "export.ndjson, null",
      "Patient2.ndjson, null",
      "Patient ndjson, null",
  })
  void typeFromName(String name, String type) {
    assertEquals(type, BulkExportInputs.typeFromName(name));
  }

  @ParameterizedTest
  @CsvSource({
      "Patient.ndjson, true",
      "Patient.ndjson.gz, true",
      "x.ndjson, true",
      "Patient.json, false",
      "parameters.json, false",
      "Patient.ndjson.zip, false",
      "Patient.gz, false",
  })
  void isNdjson(String name, boolean expected) {
    assertEquals(expected, BulkExportInputs.isNdjson(name));
  }

  // ---- directories and single files ----

  @Test
  void aDirectoryListsItsNdjsonFilesSortedByName() throws IOException {
    for (String name : List.of("Patient.ndjson", "Observation.001.ndjson", "Observation.000.ndjson",
        "Condition.ndjson.gz", "Location.1795650165772.ndjson", "parameters.json", "README.txt",
        "Patient.ndjson.bak", "export.ndjson")) {
      touch(dir.resolve(name));
    }

    BulkExportInputs.Resolved r = resolve(dir.toString());

    List<String> names = r.files().stream().map(f -> local(f).getFileName().toString()).toList();
    assertEquals(List.of("Condition.ndjson.gz", "Location.1795650165772.ndjson", "Observation.000.ndjson",
        "Observation.001.ndjson", "Patient.ndjson", "export.ndjson"), names);
    assertEquals(java.util.Arrays.asList("Condition", "Location", "Observation", "Observation", "Patient", null),
        r.files().stream().map(InputFile::declaredType).toList());
    for (InputFile f : r.files()) {
      assertEquals(InputRole.RESOURCES, f.role());
      assertEquals(dir.toAbsolutePath(), local(f).getParent());
      assertTrue(Files.exists(local(f)));
    }
    assertTrue(r.files().get(0).gzipped());
    assertFalse(r.files().get(1).gzipped());
    assertNull(r.transactionTime());
  }

  @Test
  void aDirectoryGivenAsAFileUriWithTrailingSlash() throws IOException {
    touch(dir.resolve("Patient.ndjson"));
    BulkExportInputs.Resolved r = resolve(dir.toUri().toString());
    assertEquals(1, r.files().size());
    assertEquals(dir.resolve("Patient.ndjson").toAbsolutePath(), local(r.files().get(0)));
  }

  @Test
  void locationsWithSpacesAndEscapes() throws IOException {
    Path export = dir.resolve("My Export #1");
    touch(export.resolve("Patient.ndjson"));
    Path single = dir.resolve("other dir/Observation.000.ndjson");
    touch(single);

    BulkExportInputs.Resolved r = resolve(export.toString(), single.toUri().toString());

    assertEquals(List.of(export.resolve("Patient.ndjson"), single),
        r.files().stream().map(BulkExportInputsTest::local).toList());
    assertEquals(java.util.Arrays.asList("Patient", "Observation"),
        r.files().stream().map(InputFile::declaredType).toList());
  }

  @Test
  void aDirectoryWithoutNdjsonIsRejected() throws IOException {
    touch(dir.resolve("parameters.json"));
    IllegalArgumentException e = rejected(dir.toString());
    assertTrue(e.getMessage().contains("no .ndjson"), e.getMessage());
  }

  @Test
  void aSingleNdjsonFile() throws IOException {
    Path f = dir.resolve("Observation.000.ndjson.gz");
    touch(f);
    BulkExportInputs.Resolved r = resolve(f.toString());
    assertEquals(List.of(new InputFile(r.files().get(0).uri(), "Observation", InputRole.RESOURCES)), r.files());
    assertEquals(f.toAbsolutePath(), local(r.files().get(0)));
  }

  @Test
  void aMissingPathIsRejected() {
    IllegalArgumentException e = rejected(dir.resolve("nope").toString());
    assertTrue(e.getMessage().contains("no such file or directory"), e.getMessage());
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }

  @Test
  void anUnknownKindOfFileIsRejected() throws IOException {
    Path f = dir.resolve("data.csv");
    touch(f);
    IllegalArgumentException e = rejected(f.toString());
    assertTrue(e.getMessage().contains("neither"), e.getMessage());
  }

  // ---- manifests ----

  @Test
  void aManifestListsOutputDeletedAndErrorFiles() throws IOException {
    Path export = dir.resolve("export");
    Path elsewhere = dir.resolve("elsewhere/Condition.ndjson");
    Path absolute = dir.resolve("abs/Encounter.ndjson");
    Path manifest = export.resolve("manifest.json");
    Files.createDirectories(export);
    Files.writeString(manifest, """
        {
          "transactionTime": "2025-03-04T05:06:07.890Z",
          "request": "https://ehr.example.org/fhir/$export?_type=Patient,Observation",
          "requiresAccessToken": false,
          "output": [
            {"type": "Patient", "url": "Patient.ndjson", "count": 3},
            {"type": "Observation", "url": "data/Observation.000.ndjson.gz"},
            {"type": "Condition", "url": "%s"},
            {"type": "Encounter", "url": "%s"}
          ],
          "deleted": [
            {"type": "Bundle", "url": "deleted/del.ndjson"},
            {"url": "deleted/more.ndjson"}
          ],
          "error": [
            {"type": "OperationOutcome", "url": "error/OperationOutcome.ndjson"}
          ]
        }
        """.formatted(elsewhere.toUri(), absolute.toAbsolutePath()));

    BulkExportInputs.Resolved r = resolve(manifest.toString());

    assertEquals("2025-03-04T05:06:07.890Z", r.transactionTime());
    List<InputFile> f = r.files();
    assertEquals(7, f.size());
    assertEquals(List.of(export.resolve("Patient.ndjson"), export.resolve("data/Observation.000.ndjson.gz"),
        elsewhere, absolute, export.resolve("deleted/del.ndjson"), export.resolve("deleted/more.ndjson"),
        export.resolve("error/OperationOutcome.ndjson")), f.stream().map(BulkExportInputsTest::local).toList());
    assertEquals(java.util.Arrays.asList("Patient", "Observation", "Condition", "Encounter", "Bundle", "Bundle",
        "OperationOutcome"), f.stream().map(InputFile::declaredType).toList());
    assertEquals(List.of(InputRole.RESOURCES, InputRole.RESOURCES, InputRole.RESOURCES, InputRole.RESOURCES,
        InputRole.DELETIONS, InputRole.DELETIONS, InputRole.ERRORS), f.stream().map(InputFile::role).toList());
    assertTrue(f.get(1).gzipped());
  }

  @Test
  void deletedEntriesAreBundlesWhateverTypeTheyDeclare() throws IOException {
    Path manifest = dir.resolve("m.json");
    Files.writeString(manifest, "{\"output\":[],\"deleted\":[{\"type\":\"Patient\",\"url\":\"d.ndjson\"}]}");
    BulkExportInputs.Resolved r = resolve(manifest.toString());
    assertEquals(List.of(new InputFile(r.files().get(0).uri(), "Bundle", InputRole.DELETIONS)), r.files());
    assertEquals(dir.resolve("d.ndjson"), local(r.files().get(0)));
    assertNull(r.transactionTime());
  }

  @Test
  void relativeUrlsWithSpacesResolveAgainstTheManifestFolder() throws IOException {
    Path manifest = dir.resolve("My Export/manifest.json");
    Files.createDirectories(manifest.getParent());
    Files.writeString(manifest, "{\"output\":[{\"type\":\"Patient\",\"url\":\"Patient files/Patient.ndjson\"}]}");
    BulkExportInputs.Resolved r = resolve(manifest.toString());
    assertEquals(dir.resolve("My Export/Patient files/Patient.ndjson"), local(r.files().get(0)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://ehr.example.org/bulk/Patient.ndjson", "http://ehr.example.org/bulk/x.ndjson"})
  void remoteUrlsAreRejectedWithAClearMessage(String url) throws IOException {
    Path manifest = dir.resolve("manifest.json");
    Files.writeString(manifest, "{\"output\":[{\"type\":\"Patient\",\"url\":\"" + url + "\"}]}");
    IllegalArgumentException e = rejected(manifest.toString());
    assertTrue(e.getMessage().contains(url), e.getMessage());
    assertTrue(e.getMessage().contains("carelake export fhir"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"_type\",\"valueString\":\"Patient\"}]}",
      "{\"output\":{\"type\":\"Patient\",\"url\":\"Patient.ndjson\"}}",
      "[{\"type\":\"Patient\",\"url\":\"Patient.ndjson\"}]",
      "\"manifest\"",
      "",
  })
  void aJsonFileThatIsNotAManifestIsRejected(String content) throws IOException {
    Path parameters = dir.resolve("parameters.json");
    Files.writeString(parameters, content, UTF_8);
    IllegalArgumentException e = rejected(parameters.toString());
    assertTrue(e.getMessage().contains("not a bulk-export manifest"), e.getMessage());
  }

  @Test
  void invalidJsonIsRejected() throws IOException {
    Path manifest = dir.resolve("manifest.json");
    Files.writeString(manifest, "{\"output\": [");
    IllegalArgumentException e = rejected(manifest.toString());
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
  }

  @Test
  void anEntryWithoutUrlIsRejected() throws IOException {
    Path manifest = dir.resolve("manifest.json");
    Files.writeString(manifest, "{\"output\":[{\"type\":\"Patient\",\"url\":\"P.ndjson\"},{\"type\":\"Patient\"}]}");
    IllegalArgumentException e = rejected(manifest.toString());
    assertTrue(e.getMessage().contains("entry 1 has no url"), e.getMessage());
  }

  @Test
  void severalLocationsAreConcatenatedInOrder() throws IOException {
    Path a = dir.resolve("a");
    touch(a.resolve("Patient.ndjson"));
    Path manifest = dir.resolve("b/manifest.json");
    Files.createDirectories(manifest.getParent());
    Files.writeString(manifest, "{\"transactionTime\":\"2025-01-01T00:00:00Z\","
        + "\"output\":[{\"type\":\"Observation\",\"url\":\"Observation.ndjson\"}]}");
    Path single = dir.resolve("c/Encounter.ndjson");
    touch(single);

    BulkExportInputs.Resolved r = resolve(a.toString(), manifest.toString(), single.toString());

    assertEquals(List.of(a.resolve("Patient.ndjson"), dir.resolve("b/Observation.ndjson"), single),
        r.files().stream().map(BulkExportInputsTest::local).toList());
    assertEquals("2025-01-01T00:00:00Z", r.transactionTime());
  }
}
