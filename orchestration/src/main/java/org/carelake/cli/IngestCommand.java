package org.carelake.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.carelake.core.Bytes;
import org.carelake.core.Lakehouse;
import org.carelake.ingestion.fhir.FhirBulkIngest;
import org.carelake.ingestion.fhir.FileReport;
import org.carelake.ingestion.fhir.IngestResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/** {@code carelake ingest fhir PATH...}. */
@Command(name = "ingest", description = "Load input into bronze.", subcommands = {IngestCommand.Fhir.class, IngestCommand.Hl7.class})
final class IngestCommand {
  @ParentCommand
  Carelake root;

  @Command(name = "fhir", mixinStandardHelpOptions = true,
      description = "FHIR bulk data: export directories, $export manifests (.json), NDJSON or NDJSON.gz files.")
  static final class Fhir implements Callable<Integer> {
    @ParentCommand
    IngestCommand parent;

    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<String> paths;

    @Option(names = "--source", defaultValue = "fhir", description = "Source system name recorded on every row (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--max-line-bytes", defaultValue = "67108864",
        description = "Lines longer than this are quarantined (default: ${DEFAULT-VALUE}).")
    int maxLineBytes;

    @Option(names = "--chunk-mb", defaultValue = "32", description = "Parallel unit of work in MB (default: ${DEFAULT-VALUE}).")
    int chunkMb;

    @Override
    public Integer call() throws Exception {
      checkSource(source);
      PrintStream out = System.out;
      Lakehouse lh = Session.openTables(parent.root.config(), "carelake ingest fhir");
      IngestResult r = new FhirBulkIngest(lh, new FhirBulkIngest.Options(source, maxLineBytes, (long) chunkMb << 20, out))
          .run(paths);
      print(r, out);
      return r.hasQuarantine() ? Carelake.QUARANTINED : Carelake.OK;
    }
  }

  @Command(name = "hl7", mixinStandardHelpOptions = true,
      description = "HL7 v2: files or directories of single messages, message streams, FHS/BHS batches or MLLP-framed "
          + "captures; --from-landing takes what 'listen mllp' has landed.")
  static final class Hl7 implements Callable<Integer> {
    @ParentCommand
    IngestCommand parent;

    @Parameters(arity = "0..*", paramLabel = "PATH")
    List<String> paths = new java.util.ArrayList<>();

    @Option(names = "--source", description = "Source system name recorded on every row (default: hl7; with "
        + "--from-landing, each landing folder's name).")
    String source;

    @Option(names = "--from-landing", description = "Ingest the sealed landing files of the MLLP listener "
        + "(<lakehouse>/landing/hl7/<source>/*.mllp).")
    boolean fromLanding;

    @Option(names = "--max-message-bytes", defaultValue = "16777216",
        description = "Messages longer than this are quarantined (default: ${DEFAULT-VALUE}).")
    long maxMessageBytes;

    @Override
    public Integer call() throws Exception {
      if (source != null) {
        checkSource(source);
      }
      if (fromLanding == !paths.isEmpty()) {
        throw new IllegalArgumentException("give PATHs or --from-landing, not both or neither");
      }
      PrintStream out = System.out;
      Lakehouse lh = Session.openTables(parent.root.config(), "carelake ingest hl7");
      java.util.Map<String, List<String>> bySource = new java.util.LinkedHashMap<>();
      if (fromLanding) {
        for (var e : org.carelake.ingestion.hl7.LandingFolders.list(lh).entrySet()) {
          if (source == null || source.equals(e.getKey())) {
            bySource.put(e.getKey(), List.of(e.getValue()));
          }
        }
        if (bySource.isEmpty()) {
          out.println("ingest hl7: nothing landed under " + org.carelake.ingestion.hl7.LandingFolders.root(lh));
          return Carelake.OK;
        }
      } else {
        bySource.put(source == null ? "hl7" : source, paths);
      }
      boolean quarantined = false;
      for (var e : bySource.entrySet()) {
        org.carelake.ingestion.hl7.Hl7IngestResult r = new org.carelake.ingestion.hl7.Hl7BatchIngest(lh,
            new org.carelake.ingestion.hl7.Hl7BatchIngest.Options(e.getKey(), maxMessageBytes, out)).run(e.getValue());
        printHl7(r, out);
        quarantined |= r.hasQuarantine();
      }
      return quarantined ? Carelake.QUARANTINED : Carelake.OK;
    }
  }

  /** Source names end up in paths (landing folders) and SQL literals: a safe alphabet only. */
  static void checkSource(String source) {
    if (source.isBlank() || !source.matches("[A-Za-z0-9_.:-]+")) {
      throw new IllegalArgumentException("--source takes letters, digits and _ . : - only: '" + source + "'");
    }
  }

  static void printHl7(org.carelake.ingestion.hl7.Hl7IngestResult r, PrintStream out) {
    out.printf("%-52s %9s %9s %9s %9s %s%n", "file", "messages", "accepted", "dupl.", "quarant.", "status");
    for (var f : r.files()) {
      String name = f.file().substring(f.file().lastIndexOf('/') + 1);
      out.printf("%-52s %9d %9d %9d %9d %s%n", abbreviate(name, 52), f.messages(), f.accepted(), f.duplicates(),
          f.quarantined(), f.status());
    }
    double rate = r.messages() / Math.max(1e-3, r.seconds());
    out.printf(Locale.ROOT, "batch %s: %d file(s) ingested, %d skipped, %d unreadable; %d units = %d accepted + %d "
            + "duplicates + %d quarantined; %s in %.1f s (%.0f messages/s)%n",
        r.batchId(), r.count("ingested"), r.count("skipped"), r.count("unreadable"), r.messages(), r.accepted(),
        r.duplicates(), r.quarantined(), Bytes.human(r.bytes()), r.seconds(), rate);
    if (r.hasQuarantine()) {
      out.println("quarantined input is listed by: carelake sql \"select * from quarantine.input where batch_id = '"
          + r.batchId() + "'\"");
    }
  }

  static void print(IngestResult r, PrintStream out) {
    out.printf("%-44s %-22s %9s %9s %9s %6s %s%n", "file", "type", "lines", "accepted", "quarant.", "blank", "status");
    for (FileReport f : r.files()) {
      String name = f.file().substring(f.file().lastIndexOf('/') + 1);
      out.printf("%-44s %-22s %9d %9d %9d %6d %s%s%n", abbreviate(name, 44), f.declaredType() == null ? "-" : f.declaredType(),
          f.lines(), f.accepted(), f.quarantined(), f.blank(), f.status(),
          f.typeMismatches() > 0 ? " (" + f.typeMismatches() + " records of another type)" : "");
    }
    double mbs = r.bytes() / 1e6 / Math.max(1e-3, r.seconds());
    out.printf(Locale.ROOT, "batch %s: %d file(s) ingested, %d skipped, %d unreadable; %d lines = %d accepted + %d "
            + "quarantined + %d blank; %d tombstones; %s in %.1f s (%.1f MB/s)%n",
        r.batchId(), r.ingestedFiles(), r.skippedFiles(), r.unreadableFiles(), r.lines(), r.accepted(),
        r.quarantined(), r.blank(), r.tombstones(), Bytes.human(r.bytes()), r.seconds(), mbs);
    if (r.typeMismatches() > 0) {
      out.printf("warning: %d record(s) have a resourceType other than their file declares%n", r.typeMismatches());
    }
    if (r.hasQuarantine()) {
      out.println("quarantined input is listed by: carelake sql \"select * from quarantine.input where batch_id = '"
          + r.batchId() + "'\"");
    }
  }

  private static String abbreviate(String s, int n) {
    return s.length() <= n ? s : "..." + s.substring(s.length() - n + 3);
  }
}
