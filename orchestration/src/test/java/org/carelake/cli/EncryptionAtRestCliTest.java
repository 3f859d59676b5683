package org.carelake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.carelake.core.SharedSpark;
import org.carelake.core.crypto.AtRestEncryption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keystore create}, then an ingest with encryption on: bronze keeps the records unreadable without keys. */
class EncryptionAtRestCliTest {
  private static final String MARKER = "Plmoknijbuhvygctfx";

  @TempDir
  Path dir;

  @Test
  void aKeystoreEncryptsTheBronzeRecordsOfAnIngestAndOnlyItsHoldersReadThem() throws Exception {
    Path pw = Files.writeString(dir.resolve("pw"), "keystore-password-for-tests\n");
    String keystore = dir.resolve("keys.p12").toString();
    assertEquals(Carelake.USAGE, CliRun.of("keystore", "create", keystore, "--password-file",
        Files.writeString(dir.resolve("short"), "short\n").toString()).code());
    CliRun created = CliRun.of("keystore", "create", keystore, "--password-file", pw.toString());
    assertEquals(Carelake.OK, created.code(), created.err());
    assertTrue(created.out().contains(AtRestEncryption.KEYSTORE), created.out());
    CliRun again = CliRun.of("keystore", "create", keystore, "--password-file", pw.toString());
    assertEquals(Carelake.USAGE, again.code());
    assertTrue(again.err().contains("exists"), again.err());

    Path input = Files.createDirectories(dir.resolve("in"));
    Files.writeString(input.resolve("Patient.ndjson"), "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"name\":[{"
        + "\"family\":\"" + MARKER + "\"}],\"birthDate\":\"1950-01-02\"}\n");
    String lake = dir.resolve("lake").toString();
    SparkSession keys = SharedSpark.session().newSession();
    keys.conf().set(AtRestEncryption.KEYSTORE, keystore);
    keys.conf().set(AtRestEncryption.PASSWORD_FILE, pw.toString());
    try {
      SparkSession.setActiveSession(keys);
      CliRun ingest = CliRun.of("--lakehouse", lake, "ingest", "fhir", input.toString());
      assertEquals(Carelake.OK, ingest.code(), ingest.err());
      CliRun read = CliRun.of("--lakehouse", lake, "sql", "--format", "csv",
          "SELECT get_json_object(resource, '$.name[0].family') FROM bronze.fhir_resource");
      assertTrue(read.out().contains(MARKER), read.out() + read.err());
    } finally {
      SparkSession.setActiveSession(SharedSpark.session());
    }
    assertFalse(anyFileContains(Path.of(lake, "bronze", "fhir_resource"), MARKER));
    // The control: the same ingest without keys shows the name in its files, so the check above can fail.
    String plain = dir.resolve("plain").toString();
    assertEquals(Carelake.OK, CliRun.of("--lakehouse", plain, "ingest", "fhir", input.toString()).code());
    assertTrue(anyFileContains(Path.of(plain, "bronze", "fhir_resource"), MARKER));
    CliRun ids = CliRun.of("--lakehouse", lake, "sql", "--format", "csv",
        "SELECT resource_id FROM bronze.fhir_resource");
    assertTrue(ids.out().contains("p1"), ids.out() + ids.err());
    CliRun denied = CliRun.of("--lakehouse", lake, "sql", "--format", "csv", "SELECT resource FROM bronze.fhir_resource");
    assertEquals(Carelake.FAILURE, denied.code());
    assertFalse(denied.out().contains(MARKER));
  }

  private static boolean anyFileContains(Path table, String marker) throws Exception {
    try (Stream<Path> files = Files.walk(table)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
        if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(marker)) {
          return true;
        }
      }
    }
    return false;
  }
}
