package org.carelake.transforms.terminology.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;
import org.carelake.ingestion.fhir.FhirBulkIngest;
import org.carelake.transforms.silver.SilverBuild;
import org.carelake.transforms.silver.SilverViews;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminology-server option end to end against a server over real TCP: silver's unmapped codes go to $translate
 * once (answers cached in ref across runs), come back as a source-bound concept map that the next build applies, and
 * $expand loads a paged expansion that SQL can test membership against.
 */
class TerminologyServerSyncTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static final SilverViews VIEWS = SilverViews.fromClasspath().only(Set.of("patient", "observation"));

  @TempDir
  Path tmp;

  private static String status(Lakehouse lh) {
    return lh.sql("SELECT code_map_status || ':' || coalesce(code_standard_code, '') FROM silver.observation")
        .first().getString(0);
  }

  @Test
  void unmappedCodesAreTranslatedOnceAndExpansionsLoad() throws IOException {
    Lakehouse lh = SharedSpark.freshLakehouse("tx-sync");
    Path fhir = Files.createDirectories(tmp.resolve("fhir"));
    Files.writeString(fhir.resolve("Observation.ndjson"), "{\"resourceType\":\"Observation\",\"id\":\"o1\","
        + "\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://acme.example/codes\",\"code\":\"GLU\","
        + "\"display\":\"Glucose\"}]},\"subject\":{\"reference\":\"Patient/p1\"}}\n");
    new FhirBulkIngest(lh, FhirBulkIngest.Options.defaults("ehr", QUIET)).run(List.of(fhir.toString()));
    new SilverBuild(lh, VIEWS, QUIET).run(false);
    assertEquals("unmapped:", status(lh));

    try (FakeTerminologyServer server = FakeTerminologyServer.start()
        .map("http://acme.example/map", "http://acme.example/codes", "GLU", "equivalent", "http://loinc.org",
            "2345-7", "Glucose [Mass/volume] in Serum or Plasma")
        .valueSet("http://example.org/fhir/ValueSet/glucose-tests", "2025", List.of(
            new FakeTerminologyServer.Concept("http://loinc.org", "2345-7", "Glucose SerPl"),
            new FakeTerminologyServer.Concept("http://loinc.org", "2339-0", "Glucose Bld"),
            new FakeTerminologyServer.Concept("http://loinc.org", "41653-7", "Glucose Glucometer")))
        .maxPageSize(2)) {
      TerminologyServerConfig config = new TerminologyServerConfig(server.baseUrl(), null, Duration.ofSeconds(10), 2,
          Duration.ofMillis(10));
      TerminologyServerSync sync = new TerminologyServerSync(lh, config, QUIET);
      TerminologyServerSync.Translated first = sync.translateUnmapped(10);
      assertEquals(1, first.asked());
      assertEquals(1, first.translated());
      assertEquals(1, first.serverCalls());
      assertEquals(1, server.requestCount());
      assertEquals("ehr", lh.sql("SELECT source_feed FROM ref.concept_map WHERE source_code = 'GLU'").first()
          .getString(0), "bound to the code's source");

      TerminologyServerSync.Translated again = sync.translateUnmapped(10);
      assertEquals(0, again.serverCalls(), "answered from ref.terminology_cache");
      assertEquals(1, again.cacheHits());
      assertEquals(1, server.requestCount());

      new SilverBuild(lh, VIEWS, QUIET).run(false);
      assertEquals("mapped:2345-7", status(lh));
      assertEquals(0, sync.translateUnmapped(10).asked(), "nothing left unmapped");
      assertEquals(1, lh.sql("SELECT * FROM ref.concept_map").count(), "earlier translations kept");

      sync.expand("http://example.org/fhir/ValueSet/glucose-tests", null);
      assertEquals(3, lh.sql("SELECT * FROM ref.value_set_code WHERE value_set_version = '2025'").count(),
          "all pages");
      assertTrue(lh.sql("SELECT in_value_set('http://example.org/fhir/ValueSet/glucose-tests', "
          + "code_standard_system, code_standard_code) FROM silver.observation").first().getBoolean(0));
    }
  }
}
