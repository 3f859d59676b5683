package org.carelake.cli;

import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.carelake.core.Lakehouse;
import org.carelake.ingestion.fhir.export.AccessTokenSource;
import org.carelake.ingestion.fhir.export.BulkExportException;
import org.carelake.ingestion.fhir.export.BulkHttp;
import org.carelake.ingestion.fhir.export.ExportAuth;
import org.carelake.ingestion.fhir.export.ExportDownload;
import org.carelake.ingestion.fhir.export.ExportJob;
import org.carelake.ingestion.fhir.export.ExportJobStore;
import org.carelake.ingestion.fhir.export.ExportRequest;
import org.carelake.ingestion.fhir.export.ExportResult;
import org.carelake.ingestion.fhir.export.ExportScope;
import org.carelake.ingestion.fhir.export.ExportSummary;
import org.carelake.ingestion.fhir.export.FhirBulkExport;
import org.carelake.ingestion.fhir.export.Pause;
import org.carelake.ingestion.fhir.export.RetryPolicy;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/** {@code carelake export fhir|cancel|jobs}: Bulk Data {@code $export} from live FHIR servers into bronze. */
@Command(name = "export", description = "Pull data from live servers into bronze.",
    subcommands = {ExportCommand.Fhir.class, ExportCommand.Cancel.class, ExportCommand.Jobs.class})
final class ExportCommand {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @ParentCommand
  Carelake root;

  /** How to authenticate; the secrets themselves only ever come from the environment or files it names. */
  static final class AuthOptions {
    @Option(names = "--auth", defaultValue = "auto", paramLabel = "MODE",
        description = "none, token ($CARELAKE_FHIR_TOKEN or $CARELAKE_FHIR_TOKEN_FILE), smart (SMART Backend "
            + "Services: $CARELAKE_SMART_CLIENT_ID, $CARELAKE_SMART_JWKS_FILE, optional $CARELAKE_SMART_KID), or auto "
            + "(default: smart if a client id is set, else token if one is set, else none).")
    String mode;

    @Option(names = "--scope", paramLabel = "SCOPE",
        description = "SMART scope (default: $CARELAKE_SMART_SCOPE or " + ExportAuth.DEFAULT_SCOPE + ").")
    String scope;

    @Option(names = "--token-url", paramLabel = "URL", description = "SMART token endpoint (default: "
        + "$CARELAKE_SMART_TOKEN_URL, else the server's .well-known/smart-configuration).")
    String tokenUrl;

    BulkHttp http(String server) {
      BulkHttp tokenHttp = new BulkHttp(AccessTokenSource.NONE, RetryPolicy.DEFAULT, Pause.REAL, TIMEOUT);
      AccessTokenSource auth = ExportAuth.fromEnvironment(mode, URI.create(server), scope, tokenUrl, System.getenv(),
          tokenHttp, Clock.systemUTC());
      return new BulkHttp(auth, RetryPolicy.DEFAULT, Pause.REAL, TIMEOUT);
    }
  }

  /** Which kick-off endpoint: one of the three, system by default. */
  static final class Scope {
    @Option(names = "--group", paramLabel = "ID", description = "Group export: [server]/Group/ID/$export.")
    String group;

    @Option(names = "--patient", description = "Patient export: [server]/Patient/$export.")
    boolean patient;

    @Option(names = "--system", description = "System export: [server]/$export (the default).")
    boolean system;
  }

  @Command(name = "fhir", mixinStandardHelpOptions = true,
      description = {"A FHIR Bulk Data $export from a live server, downloaded into <lakehouse>/_exports/<job>/ and "
          + "ingested into bronze like `ingest fhir` (deleted[] become tombstones, error[] OperationOutcomes are "
          + "stored and reported). Recorded in ops.export_ledger.",
          "Run the same command again after a crash or failure: the unfinished job continues (finished files are "
          + "kept, partial ones continue). See docs/export.md."})
  static final class Fhir implements Callable<Integer> {
    @ParentCommand
    ExportCommand parent;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "The FHIR server's base URL.")
    String server;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Scope scope;

    @Option(names = "--type", split = ",", paramLabel = "TYPE", description = "Resource types (_type), e.g. "
        + "Patient,Condition (default: all the server exports).")
    List<String> types = new ArrayList<>();

    @Option(names = "--since", paramLabel = "INSTANT|auto", description = "Only resources changed after this FHIR "
        + "instant (_since); auto: after the transactionTime of the last complete export of the same server, scope, "
        + "types, filters and source (everything when there is none).")
    String since;

    @Option(names = "--type-filter", paramLabel = "FILTER", description = "A _typeFilter, e.g. "
        + "'Observation?category=laboratory'; repeatable.")
    List<String> typeFilters = new ArrayList<>();

    @Option(names = "--source", defaultValue = "fhir",
        description = "Source system name recorded on every row (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--parallel", defaultValue = "4", description = "Files downloaded at once (default: "
        + "${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--max-wait", defaultValue = "24h", paramLabel = "DURATION", description = "Give up waiting for "
        + "the server after this long, e.g. 90m, 24h (default: ${DEFAULT-VALUE}); a re-run continues waiting.")
    String maxWait;

    @Mixin
    AuthOptions auth = new AuthOptions();

    @Override
    public Integer call() {
      IngestCommand.checkSource(source);
      if (parallel < 1 || parallel > 64) {
        throw new IllegalArgumentException("--parallel takes 1 to 64: " + parallel);
      }
      if (since != null && !since.equals("auto")) {
        ExportRequest.checkInstant(since);
      }
      ExportScope s = scope == null || scope.system ? ExportScope.SYSTEM
          : scope.patient ? ExportScope.PATIENT : ExportScope.GROUP;
      ExportRequest request = new ExportRequest(server, s, s == ExportScope.GROUP ? scope.group : null, types,
          typeFilters, null);
      Duration wait = duration(maxWait);
      PrintStream out = System.out;
      try (BulkHttp http = auth.http(request.server())) {
        Lakehouse lh = Session.openTables(parent.root.config(), "carelake export fhir");
        ExportDownload.Settings d = ExportDownload.Settings.defaults(out);
        FhirBulkExport export = new FhirBulkExport(lh, http, new FhirBulkExport.Options(source,
            new ExportDownload.Settings(parallel, d.pollInitial(), d.pollMax(), wait, out, d.progressMillis())));
        ExportResult r = export.run(request, since);
        if (r.ingest() != null) {
          IngestCommand.print(r.ingest(), out);
        }
        ExportSummary.print(r, out);
        return r.hasProblems() ? Carelake.QUARANTINED : Carelake.OK;
      } catch (BulkExportException e) {
        System.err.println("carelake: export failed: " + e.getMessage());
        return Carelake.FAILURE;
      }
    }
  }

  @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel an unfinished export job: the "
      + "server is sent a DELETE on its status URL and the job's downloads are removed.")
  static final class Cancel implements Callable<Integer> {
    @ParentCommand
    ExportCommand parent;

    @Parameters(paramLabel = "JOB", description = "The job id (see `carelake export jobs`).")
    String jobId;

    @Mixin
    AuthOptions auth = new AuthOptions();

    @Override
    public Integer call() {
      ExportJobStore store = new ExportJobStore(parent.root.config().lakehouseRoot(), new Configuration());
      ExportJob job = store.read(jobId);
      if (job == null) {
        throw new IllegalArgumentException("no export job '" + jobId + "' (see: carelake export jobs)");
      }
      try (BulkHttp http = auth.http(job.request().server())) {
        new ExportDownload(store, http, ExportDownload.Settings.defaults(System.out)).cancel(job);
        return Carelake.OK;
      } catch (BulkExportException e) {
        System.err.println("carelake: cancel failed: " + e.getMessage());
        return Carelake.FAILURE;
      }
    }
  }

  @Command(name = "jobs", mixinStandardHelpOptions = true, description = "List the export jobs of the lakehouse, "
      + "newest first.")
  static final class Jobs implements Callable<Integer> {
    @ParentCommand
    ExportCommand parent;

    @Override
    public Integer call() {
      ExportJobStore store = new ExportJobStore(parent.root.config().lakehouseRoot(), new Configuration());
      PrintStream out = System.out;
      out.printf("%-26s %-11s %-7s %-26s %-9s %s%n", "job", "state", "scope", "transactionTime", "files", "server");
      for (ExportJob j : store.list()) {
        out.printf("%-26s %-11s %-7s %-26s %-9s %s%s%n", j.id(), j.state().name().toLowerCase(Locale.ROOT),
            j.request().scope().code(), j.transactionTime() == null ? "-" : j.transactionTime(),
            j.doneFiles() + "/" + j.files().size(), j.request().server(),
            j.message() == null ? "" : "  (" + j.message() + ")");
      }
      return Carelake.OK;
    }
  }

  /** 30s, 90m, 24h, 2d. */
  static Duration duration(String text) {
    var m = java.util.regex.Pattern.compile("(\\d+)([smhd])").matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("--max-wait takes a number and s, m, h or d, e.g. 90m: '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
