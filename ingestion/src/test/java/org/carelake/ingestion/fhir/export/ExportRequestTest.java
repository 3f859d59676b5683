package org.carelake.ingestion.fhir.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small parts of the protocol: kick-off URLs, Retry-After, Content-Range and manifests. */
class ExportRequestTest {
  @Test
  void kickOffUrlsPerScopeWithEncodedParameters() {
    ExportRequest group = new ExportRequest("https://ehr.example/fhir/", ExportScope.GROUP, "diabetes-1",
        List.of("Patient", "Observation", "Patient"), List.of("Observation?category=laboratory&date=ge2026-01-01"),
        "2026-01-01T00:00:00+01:00");
    assertEquals("https://ehr.example/fhir/Group/diabetes-1/$export?_type=Observation%2CPatient"
        + "&_since=2026-01-01T00%3A00%3A00%2B01%3A00"
        + "&_typeFilter=Observation%3Fcategory%3Dlaboratory%26date%3Dge2026-01-01", group.kickOffUri().toString());
    assertEquals("https://ehr.example/fhir/Patient/$export",
        new ExportRequest("https://ehr.example/fhir", ExportScope.PATIENT, null, null, null, null).kickOffUri()
            .toString());
    assertEquals("https://ehr.example/fhir/$export", new ExportRequest("https://ehr.example/fhir",
        ExportScope.SYSTEM, null, List.of(), List.of(), null).kickOffUri().toString());

    assertThrows(IllegalArgumentException.class, () -> new ExportRequest("ftp://x/fhir", ExportScope.SYSTEM, null,
        null, null, null));
    assertThrows(IllegalArgumentException.class, () -> new ExportRequest("https://user:pw@x/fhir",
        ExportScope.SYSTEM, null, null, null, null));
    assertThrows(IllegalArgumentException.class, () -> new ExportRequest("https://x/fhir", ExportScope.GROUP, null,
        null, null, null));
    assertThrows(IllegalArgumentException.class, () -> new ExportRequest("https://x/fhir", ExportScope.SYSTEM, null,
        List.of("patient"), null, null));
    IllegalArgumentException since = assertThrows(IllegalArgumentException.class, () -> new ExportRequest(
        "https://x/fhir", ExportScope.SYSTEM, null, null, null, "2026-01-01"));
    assertTrue(since.getMessage().contains("FHIR instant with a time zone"), since.getMessage());
  }

  @Test
  void retryAfterInSecondsOrAsADateCappedAndBackoffDoubling() {
    Duration cap = Duration.ofMinutes(10);
    assertEquals(Duration.ofSeconds(7), RetryPolicy.retryAfter("7", cap));
    assertEquals(cap, RetryPolicy.retryAfter("86400", cap));
    String inOneMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(61));
    long s = RetryPolicy.retryAfter(inOneMinute, cap).toSeconds();
    assertTrue(s >= 55 && s <= 61, String.valueOf(s));
    assertNull(RetryPolicy.retryAfter("soon", cap));
    RetryPolicy p = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(5), cap);
    assertEquals(List.of(1L, 2L, 4L, 5L), List.of(p.backoff(1).toSeconds(), p.backoff(2).toSeconds(),
        p.backoff(3).toSeconds(), p.backoff(4).toSeconds()));
    assertEquals(Duration.ofSeconds(3), p.delay(1, "3"));
    assertEquals(Duration.ofSeconds(2), p.delay(2, "garbage"));
  }

  @Test
  void contentRangeStartAndTotal() {
    assertEquals(100, FileDownloader.start("bytes 100-199/200"));
    assertEquals(200, FileDownloader.total("bytes 100-199/200"));
    assertEquals(200, FileDownloader.total("bytes */200"));
    assertEquals(-1, FileDownloader.start("bytes */200"));
    assertEquals(-1, FileDownloader.start("nonsense"));
  }

  @Test
  void manifestEntriesResolveAndPagesChain() {
    URI status = URI.create("https://ehr.example/fhir/status/1");
    ExportManifest m = ExportManifest.parse("""
        {"transactionTime": "2026-01-01T00:00:00Z", "requiresAccessToken": true,
         "output": [{"type": "Patient", "url": "/files/p.ndjson", "count": 3}],
         "deleted": [{"url": "https://store.example/d.ndjson"}],
         "error": [{"type": "OperationOutcome", "url": "e.ndjson"}],
         "link": [{"relation": "next", "url": "status/1?page=2"}]}""", status);
    assertEquals("2026-01-01T00:00:00Z", m.transactionTime());
    assertEquals(true, m.requiresAccessToken());
    assertEquals(List.of(
        new ExportManifest.Entry("output", "Patient", URI.create("https://ehr.example/files/p.ndjson"), 3L),
        new ExportManifest.Entry("deleted", "Bundle", URI.create("https://store.example/d.ndjson"), null),
        new ExportManifest.Entry("error", "OperationOutcome", URI.create("https://ehr.example/fhir/status/e.ndjson"),
            null)), m.entries());
    assertEquals(URI.create("https://ehr.example/fhir/status/status/1?page=2"), m.next());
    BulkExportException bad = assertThrows(BulkExportException.class,
        () -> ExportManifest.parse(FakeBulkServer.outcome("exception", "boom"), status));
    assertTrue(bad.getMessage().contains("no output[]") && bad.getMessage().contains("boom"), bad.getMessage());
    assertEquals("output/Patient.007.ndjson", ExportJobStore.fileName("output", "Patient", 7));
    assertEquals("error/Resource.000.ndjson", ExportJobStore.fileName("error", "../", 0));
  }
}
