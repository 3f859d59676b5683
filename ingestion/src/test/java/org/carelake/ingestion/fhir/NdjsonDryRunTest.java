package org.carelake.ingestion.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NdjsonDryRunTest {
  @TempDir
  Path tmp;

  @Test
  void reportsWhatIngestionWouldWithoutWriting() throws Exception {
    Path gz = Fixtures.dir("synthea-3").resolve("Observation.ndjson.gz");
    ChunkStats s = NdjsonDryRun.read(new InputFile(gz.toUri().toString(), "Observation", InputRole.RESOURCES),
        new Configuration());
    long expected = Fixtures.lines(gz, true).size();
    assertEquals(expected, s.lines());
    assertEquals(expected, s.accepted());

    Path mixed = tmp.resolve("Patient.ndjson");
    Files.writeString(mixed, "{\"resourceType\":\"Patient\",\"id\":\"a\"}\n\n{oops\n{\"resourceType\":\"Condition\",\"id\":\"c\"}");
    ChunkStats m = NdjsonDryRun.read(new InputFile(mixed.toUri().toString(), "Patient", InputRole.RESOURCES),
        new Configuration());
    assertEquals(4, m.lines());
    assertEquals(2, m.accepted());
    assertEquals(1, m.quarantined());
    assertEquals(1, m.blank());
    assertEquals(1, m.typeMismatches());
  }
}
