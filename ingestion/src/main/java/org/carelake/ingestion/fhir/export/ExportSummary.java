package org.carelake.ingestion.fhir.export;

import java.io.PrintStream;
import java.util.stream.Collectors;
import org.carelake.core.Bytes;

/** The closing summary of an export: what came, per type, what was deleted, and what the server could not export. */
public final class ExportSummary {
  private ExportSummary() {}

  public static void print(ExportResult r, PrintStream out) {
    ExportJob job = r.job();
    out.printf("export %s: %d file(s), %s from %s; transactionTime %s%s%n", job.id(), job.files().size(),
        Bytes.human(r.bytes()), job.request().server(), job.transactionTime(),
        r.batchIds().isEmpty() ? "" : "; batch " + String.join(", ", r.batchIds()));
    String types = r.resourcesByType().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
    out.printf("  resources: %d%s%n", r.resources(), types.isEmpty() ? "" : " (" + types + ")");
    out.printf("  deleted: %d%n", r.tombstones());
    if (r.serverErrors() > 0) {
      out.printf("  server errors: %d OperationOutcome(s), kept in bronze.fhir_resource (resource_type "
          + "'OperationOutcome', source '%s'):%n", r.serverErrors(), job.source());
      for (String t : r.errorTexts()) {
        out.println("    - " + t);
      }
      if (r.serverErrors() > r.errorTexts().size()) {
        out.printf("    ... and %d more%n", r.serverErrors() - r.errorTexts().size());
      }
      out.println("  (--since auto will not continue from an export with server errors: the next one asks again "
          + "from the last complete export)");
    } else {
      out.println("  server errors: 0");
    }
    if (r.quarantined() > 0) {
      out.printf("  quarantined: %d line(s); listed by: carelake sql \"select * from quarantine.input where batch_id "
          + "in (%s)\"%n", r.quarantined(), r.batchIds().stream().map(b -> "'" + b + "'")
          .collect(Collectors.joining(", ")));
    }
  }

}
