package org.carelake.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.carelake.core.Lakehouse;
import org.carelake.core.WriterLock;
import org.carelake.transforms.terminology.CodeQuality;
import org.carelake.transforms.terminology.ShippedTerminology;
import org.carelake.transforms.terminology.TerminologyLoad;
import org.carelake.transforms.terminology.server.TerminologyServerConfig;
import org.carelake.transforms.terminology.server.TerminologyServerSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code carelake terminology load|unmapped}: the reference tables of code systems, value sets and maps. */
@Command(name = "terminology", mixinStandardHelpOptions = true,
    description = "Load value sets, code systems and concept maps into ref; list the codes silver could not map.",
    subcommands = {TerminologyCommand.Load.class, TerminologyCommand.Unmapped.class, TerminologyCommand.Translate.class,
        TerminologyCommand.Expand.class})
final class TerminologyCommand {
  @ParentCommand
  Carelake root;

  @Command(name = "load", mixinStandardHelpOptions = true,
      description = "Load FHIR ValueSet/CodeSystem/ConceptMap/NamingSystem files (JSON, NDJSON, Bundles), value-set "
          + "expansions (TSV: valueset_oid, valueset_name, version, system, code, display), concept maps (CSV: "
          + "source_system, source_code, source_display, target_system, target_code, target_display, equivalence) "
          + "and code-system aliases (CSV: alias, uri). A file replaces the value sets (by url and version), maps "
          + "(by url and source), code systems (by url and version) and aliases it defines. A complete CodeSystem "
          + "makes codes of its system that it lacks invalid. The next `carelake run` rebuilds silver with them.")
  static final class Load implements Callable<Integer> {
    @ParentCommand
    TerminologyCommand parent;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories (any Hadoop URI).")
    List<String> paths;

    @Option(names = "--source", paramLabel = "NAME",
        description = "Bind the concept maps to one source (the --source of its ingest): they then also cover "
            + "that source's local code systems (HL7 v2 'L', '99zzz').")
    String source;

    @Override
    public Integer call() {
      Lakehouse lh = Session.openTables(parent.root.config(), "carelake terminology load");
      try (WriterLock lock = WriterLock.acquire(lh, "terminology load")) {
        ShippedTerminology.ensure(lh, System.out);
        var results = new TerminologyLoad(lh, System.out).load(paths, source);
        long warnings = results.stream().mapToLong(r -> r.warnings().size()).sum();
        System.out.printf("terminology: %d file(s) loaded%s%n", results.size(),
            warnings == 0 ? "" : ", " + warnings + " warning(s) (ref.terminology_load)");
      }
      return Carelake.OK;
    }
  }

  @Command(name = "unmapped", mixinStandardHelpOptions = true,
      description = "The most frequent unmapped (or invalid) codes of the last silver build, to extend the maps.")
  static final class Unmapped implements Callable<Integer> {
    @ParentCommand
    TerminologyCommand parent;

    @Option(names = "--limit", defaultValue = "20", description = "Rows to show (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--source", paramLabel = "NAME", description = "Only this source.")
    String source;

    @Option(names = "--status", defaultValue = "unmapped",
        description = "unmapped, invalid or all (default ${DEFAULT-VALUE}).")
    String status;

    @Option(names = "--format", defaultValue = "table", description = "table, csv, tsv or json.")
    String format;

    @Override
    public Integer call() {
      if (!List.of("unmapped", "invalid", "all").contains(status)) {
        throw new IllegalArgumentException("--status must be unmapped, invalid or all, not '" + status + "'");
      }
      if (limit < 1) {
        throw new IllegalArgumentException("--limit must be at least 1");
      }
      Lakehouse lh = Session.openTables(parent.root.config(), "carelake terminology unmapped");
      if (!lh.exists(CodeQuality.UNMAPPED_CODES)) {
        System.out.println("no ops.unmapped_codes yet: run `carelake run` first");
        return Carelake.OK;
      }
      String where = "all".equals(status) ? "TRUE" : "status = '" + status + "'";
      if (source != null) {
        where += " AND source_system = '" + source.replace("'", "''") + "'";
      }
      ResultPrinter.print(lh.sql("SELECT source_system AS source, system, code, display, status, occurrences, "
              + "array_join(elements, ', ') AS found_in, first_seen, last_seen, reason FROM "
              + CodeQuality.UNMAPPED_CODES.qualified() + " WHERE " + where
              + " ORDER BY occurrences DESC, source, system, code").limit(limit),
          ResultPrinter.format(format), limit, System.out);
      return Carelake.OK;
    }
  }

  /** The server options: off unless given; the token comes from the environment, never the command line. */
  static TerminologyServerConfig server(String url) {
    java.net.URI uri;
    try {
      uri = java.net.URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--server: not a URL: " + url);
    }
    return TerminologyServerConfig.fromEnvironment(uri, System.getenv());
  }

  @Command(name = "translate", mixinStandardHelpOptions = true,
      description = "Send the most frequent unmapped codes of the last silver build to a FHIR terminology server's "
          + "ConceptMap/$translate; the answers become a concept map bound to each code's source (ref.concept_map) "
          + "and are cached in ref.terminology_cache. Bearer token from $CARELAKE_TX_TOKEN or the file named by "
          + "$CARELAKE_TX_TOKEN_FILE. The next `carelake run` applies them.")
  static final class Translate implements Callable<Integer> {
    @ParentCommand
    TerminologyCommand parent;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "FHIR R4 terminology server base URL.")
    String server;

    @Option(names = "--limit", defaultValue = "1000", description = "Codes to ask about (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
      TerminologyServerConfig config = server(server);
      Lakehouse lh = Session.openTables(parent.root.config(), "carelake terminology translate");
      try (WriterLock lock = WriterLock.acquire(lh, "terminology translate")) {
        new TerminologyServerSync(lh, config, System.out).translateUnmapped(limit);
      }
      return Carelake.OK;
    }
  }

  @Command(name = "expand", mixinStandardHelpOptions = true,
      description = "Load a value set's expansion from a FHIR terminology server (ValueSet/$expand, every page) "
          + "into ref.value_set and ref.value_set_code.")
  static final class Expand implements Callable<Integer> {
    @ParentCommand
    TerminologyCommand parent;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "FHIR R4 terminology server base URL.")
    String server;

    @Parameters(arity = "1..*", paramLabel = "VALUESET_URL", description = "Canonical URLs of the value sets.")
    List<String> valueSets;

    @Option(names = "--version", paramLabel = "V", description = "Value set version (default: the server's).")
    String version;

    @Override
    public Integer call() {
      TerminologyServerConfig config = server(server);
      Lakehouse lh = Session.openTables(parent.root.config(), "carelake terminology expand");
      try (WriterLock lock = WriterLock.acquire(lh, "terminology expand")) {
        TerminologyServerSync sync = new TerminologyServerSync(lh, config, System.out);
        valueSets.forEach(v -> sync.expand(v, version));
      }
      return Carelake.OK;
    }
  }
}
