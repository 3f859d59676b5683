package org.carelake.ingestion.fhir.export;

import java.time.Duration;
import org.apache.hadoop.conf.Configuration;

/**
 * The first half of the crash test in a JVM of its own: kicks off and downloads until the test kills it with
 * SIGKILL half way through a file. Arguments: lakehouse root URI, server base URL.
 */
public final class ExportCrashChild {
  private ExportCrashChild() {}

  public static void main(String[] args) {
    ExportJobStore store = new ExportJobStore(args[0], new Configuration());
    try (BulkHttp http = new BulkHttp(AccessTokenSource.NONE, ExportTests.FAST, Pause.REAL, Duration.ofSeconds(30))) {
      ExportDownload d = new ExportDownload(store, http, ExportTests.settings(System.out));
      d.complete(d.kickOff(ExportFhirTest.request(args[1]), null, "ehr"));
    }
    System.out.println("child: not killed?");
  }

}
