package org.carelake.cli;

import org.carelake.core.CarelakeConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code carelake} command line: one entry point for every job, on a laptop or under spark-submit. */
@Command(name = "carelake", mixinStandardHelpOptions = true, version = "carelake 0.1.0",
    description = "Population-health lakehouse on Apache Spark and Delta Lake.",
    subcommands = {IngestCommand.class, RunCommand.class, ViewCommand.class, SqlCommand.class, StatusCommand.class,
        DemoCommand.class, SynthCommand.class, ListenCommand.class, TerminologyCommand.class, ExportCommand.class,
        MeasureCommand.class, CohortCommand.class, AirflowCommand.class, ServeCommand.class, UserCommand.class,
        AuditCommand.class, ExtractCommand.class, ConnectCommand.class, KeystoreCommand.class, NotebookCommand.class,
        CommandLine.HelpCommand.class})
public final class Carelake {
  /** Exit codes of the command-line contract. */
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;
  public static final int QUARANTINED = 3;

  @Option(names = "--lakehouse", scope = CommandLine.ScopeType.INHERIT, paramLabel = "DIR",
      description = "Lakehouse root: a directory or any Hadoop filesystem URI (default: $CARELAKE_HOME or ./lakehouse).")
  String lakehouse;

  @Option(names = "--master", scope = CommandLine.ScopeType.INHERIT, paramLabel = "URL",
      description = "Spark master (default: local[*], or what spark-submit set).")
  String master;

  CarelakeConfig config() {
    CarelakeConfig.Builder b = CarelakeConfig.builder();
    if (lakehouse != null) {
      b.lakehouse(lakehouse);
    }
    if (master != null) {
      b.master(master);
    }
    return b.build();
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Carelake());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof IllegalArgumentException) {
        cmd.getErr().println("carelake: " + ex.getMessage());
        return USAGE;
      }
      cmd.getErr().println("carelake: failed: " + ex);
      if (System.getenv("CARELAKE_DEBUG") != null) {
        ex.printStackTrace(cmd.getErr());
      }
      return FAILURE;
    });
    return cl.execute(args);
  }
}
