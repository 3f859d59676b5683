package org.carelake.ingestion.fhir.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shared pieces of the export tests: fixtures, a pause that records instead of waiting, fast settings. */
final class ExportTests {
  /** Retries as in production, but with millisecond backoff. */
  static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(40),
      Duration.ofMinutes(10));

  private ExportTests() {}

  /** Records every wait asked for and waits a few milliseconds instead. */
  static final class RecordingPause implements Pause {
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration d) throws InterruptedException {
      waits.add(d);
      Thread.sleep(Math.min(5, d.toMillis()));
    }
  }

  /** A PrintStream whose text the test can read. */
  static final class Captured {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  /** A file of the eCQM 2025 bulk fixture (src/test/resources/fixtures/ecqm-2025-bulk). */
  static byte[] fixture(String name) {
    try (InputStream in = ExportTests.class.getResourceAsStream("/fixtures/ecqm-2025-bulk/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long lines(byte[] ndjson) {
    return new String(ndjson, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).count();
  }

  /** The id of the first resource of an NDJSON file. */
  static String firstId(byte[] ndjson) {
    String first = new String(ndjson, StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
    try {
      return FakeBulkServer.json(first).path("id").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] deletions(String... typeSlashIds) {
    StringBuilder entries = new StringBuilder();
    for (String t : typeSlashIds) {
      entries.append(entries.length() == 0 ? "" : ",").append("{\"request\":{\"method\":\"DELETE\",\"url\":\"")
          .append(t).append("\"}}");
    }
    return ("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + entries + "]}\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] errors(String... diagnostics) {
    StringBuilder b = new StringBuilder();
    for (String d : diagnostics) {
      b.append(FakeBulkServer.outcome("exception", d)).append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  static ExportDownload.Settings settings(PrintStream out) {
    return new ExportDownload.Settings(3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofHours(1), out, 50);
  }
}
