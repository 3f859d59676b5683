package org.carelake.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.carelake.marts.measure.MeasurementPeriod;
import org.carelake.orchestration.airflow.AirflowApi;
import org.carelake.orchestration.airflow.AirflowAuth;
import org.carelake.orchestration.airflow.AirflowClient;
import org.carelake.orchestration.airflow.AirflowClient.DagRun;
import org.carelake.orchestration.airflow.AirflowClient.TaskInstance;
import org.carelake.orchestration.airflow.AirflowException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/**
 * {@code carelake airflow trigger|status|logs}: drive the Carelake DAG (orchestration/airflow/carelake_dag.py) on an
 * Airflow 2.x or 3.x through its stable REST API. No Spark is started. Credentials come from the environment only.
 */
@Command(name = "airflow", mixinStandardHelpOptions = true,
    description = {"Trigger and follow the Carelake DAG through Airflow's REST API (2.x and 3.x).",
        "Credentials from the environment: " + AirflowAuth.USER + " with " + AirflowAuth.PASSWORD_FILE + " (or "
            + AirflowAuth.PASSWORD + "), or " + AirflowAuth.TOKEN_FILE + " (or " + AirflowAuth.TOKEN + ")."},
    subcommands = {AirflowCommand.Trigger.class, AirflowCommand.Status.class, AirflowCommand.Logs.class})
final class AirflowCommand {
  static final String URL_ENV = "CARELAKE_AIRFLOW_URL";
  static final String DEFAULT_DAG = "carelake";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  /** Where credentials and the URL are read from; tests put a map here. */
  static Function<String, String> environment = System::getenv;

  // No defaultValue on inherited options: picocli would re-apply it in the subcommand, undoing a value given before it.
  @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "Airflow's base URL, e.g. http://airflow:8080 (default: $" + URL_ENV + ").")
  String url;

  @Option(names = "--api", scope = ScopeType.INHERIT, paramLabel = "v1|v2|auto",
      description = "REST API version: v1 (Airflow 2.x), v2 (Airflow 3.x) or auto (default: auto).")
  String api;

  @Option(names = "--dag", scope = ScopeType.INHERIT, paramLabel = "DAG_ID",
      description = "The DAG (default: " + DEFAULT_DAG + ").")
  String dag;

  String dagId() {
    return dag == null ? DEFAULT_DAG : dag;
  }

  AirflowClient client() {
    AirflowApi version = AirflowApi.parse(api);
    AirflowAuth auth = AirflowAuth.fromEnvironment(environment);
    return AirflowClient.connect(url != null ? url : environment.apply(URL_ENV), version, auth);
  }

  /** Runs an action, turning Airflow's errors into the failure exit code with one clear line. */
  int guarded(Callable<Integer> action) throws Exception {
    try {
      return action.call();
    } catch (AirflowException e) {
      String hint = switch (e.status()) {
        case 401 -> " (check " + AirflowAuth.USER + " and " + AirflowAuth.PASSWORD_FILE + ", or "
            + AirflowAuth.TOKEN_FILE + ")";
        case 403 -> " (the credentials lack a permission this needs)";
        default -> "";
      };
      System.err.println("carelake: airflow: " + e.getMessage() + hint);
      return Carelake.FAILURE;
    }
  }

  String runOrLatest(AirflowClient client, String runId) {
    if (runId != null) {
      return runId;
    }
    return client.latestRun(dagId()).map(DagRun::runId).orElseThrow(() -> new AirflowException(0,
        "DAG '" + dagId() + "' has no runs yet; start one with: carelake airflow trigger"));
  }

  /** Task instances in the order they ran; those not started yet last, in the API's order (a stable sort). */
  static List<TaskInstance> inRunOrder(List<TaskInstance> tis) {
    return tis.stream().sorted(Comparator.comparing(TaskInstance::startDate,
        Comparator.nullsLast(Comparator.comparing(AirflowCommand::instant)))).toList();
  }

  private static Instant instant(String iso) {
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.MAX;
    }
  }

  static String time(String iso) {
    if (iso == null) {
      return "-";
    }
    try {
      return OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC).format(TIME);
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  static String duration(Double seconds) {
    if (seconds == null) {
      return "-";
    }
    long s = Math.round(seconds);
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1fs", seconds);
    }
    return s < 3600 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
        : String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
  }

  static String taskLabel(TaskInstance ti) {
    return ti.mapIndex() >= 0 ? ti.taskId() + "[" + ti.mapIndex() + "]" : ti.taskId();
  }

  @Command(name = "trigger", mixinStandardHelpOptions = true,
      description = "Start a run of the DAG; prints its dag_run_id.")
  static final class Trigger implements Callable<Integer> {
    @ParentCommand
    AirflowCommand parent;

    @Option(names = "--period", paramLabel = "START/END",
        description = "Measurement period for the run's measure tasks, e.g. 2025-01-01/2025-12-31 (conf 'period').")
    String period;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
        description = "More run conf, handed to the DAG as params (jar, lakehouse, master, period_from, ...).")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--logical-date", paramLabel = "INSTANT",
        description = "The run's logical date, e.g. 2026-01-31T00:00:00Z (default: now).")
    String logicalDate;

    @Option(names = "--run-id", paramLabel = "ID", description = "The dag_run_id (default: Airflow's manual__...).")
    String runId;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> runConf = new LinkedHashMap<>(conf);
      if (period != null) {
        MeasurementPeriod.parse(period); // a bad period fails here, not in the middle of the DAG
        runConf.put("period", period);
      }
      Instant when = null;
      if (logicalDate != null) {
        try {
          when = OffsetDateTime.parse(logicalDate).toInstant();
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("--logical-date must be an ISO date-time with offset, e.g. "
              + "2026-01-31T00:00:00Z; got '" + logicalDate + "'");
        }
      }
      Instant at = when;
      return parent.guarded(() -> {
        AirflowClient client = parent.client();
        DagRun run = client.trigger(parent.dagId(), runConf, at, runId);
        // stdout holds the id alone, for scripts: id=$(carelake airflow trigger)
        System.out.println(run.runId());
        System.err.printf("triggered DAG %s (API %s): run %s is %s; follow it with: carelake airflow status %s%n",
            parent.dagId(), client.api(), run.runId(), run.state(), run.runId());
        return Carelake.OK;
      });
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = {"A run and its tasks: state, try, start, end, duration.",
          "Exits with 1 when the run failed."})
  static final class Status implements Callable<Integer> {
    @ParentCommand
    AirflowCommand parent;

    @Parameters(arity = "0..1", paramLabel = "RUN_ID", description = "The dag_run_id (default: the latest run).")
    String runId;

    @Override
    public Integer call() throws Exception {
      return parent.guarded(() -> {
        AirflowClient client = parent.client();
        String id = parent.runOrLatest(client, runId);
        DagRun run = client.dagRun(parent.dagId(), id);
        List<TaskInstance> tis = inRunOrder(client.taskInstances(parent.dagId(), id));
        print(client, run, tis, System.out);
        return "failed".equals(run.state()) ? Carelake.FAILURE : Carelake.OK;
      });
    }

    private void print(AirflowClient client, DagRun run, List<TaskInstance> tis, PrintStream out) {
      String server = client.serverVersion() == null ? "" : "Airflow " + client.serverVersion() + ", ";
      out.printf("DAG %s run %s: %s (%sAPI %s)%n", parent.dagId(), run.runId(), run.state(), server, client.api());
      out.printf("logical date %s, started %s, ended %s%n%n", time(run.logicalDate()), time(run.startDate()),
          time(run.endDate()));
      int w = Math.max(4, tis.stream().mapToInt(t -> taskLabel(t).length()).max().orElse(0));
      String row = "%-" + w + "s  %-18s %3s  %-19s  %-19s  %8s%n";
      out.printf(row, "task", "state", "try", "start", "end", "duration");
      for (TaskInstance ti : tis) {
        out.printf(row, taskLabel(ti), ti.state() == null ? "none" : ti.state(), ti.tryNumber(), time(ti.startDate()),
            time(ti.endDate()), duration(ti.durationSeconds()));
      }
    }
  }

  @Command(name = "logs", mixinStandardHelpOptions = true,
      description = "The logs of a run's tasks (their latest try), or of one task.")
  static final class Logs implements Callable<Integer> {
    @ParentCommand
    AirflowCommand parent;

    @Parameters(arity = "0..1", paramLabel = "RUN_ID", description = "The dag_run_id (default: the latest run).")
    String runId;

    @Option(names = "--task", paramLabel = "TASK", description = "Only this task (default: every task that ran).")
    String task;

    @Option(names = "--try", paramLabel = "N", description = "This try of --task (default: its latest).")
    Integer tryNumber;

    @Override
    public Integer call() throws Exception {
      if (tryNumber != null && (task == null || tryNumber < 1)) {
        throw new IllegalArgumentException("--try takes a number from 1 and needs --task");
      }
      return parent.guarded(() -> {
        AirflowClient client = parent.client();
        String id = parent.runOrLatest(client, runId);
        List<TaskInstance> tis = inRunOrder(client.taskInstances(parent.dagId(), id));
        if (task != null) {
          tis = tis.stream().filter(t -> t.taskId().equals(task)).toList();
          if (tis.isEmpty()) {
            throw new IllegalArgumentException("run " + id + " has no task '" + task + "'");
          }
        }
        int shown = 0;
        for (TaskInstance ti : tis) {
          int attempt = tryNumber != null ? tryNumber : ti.tryNumber();
          if (attempt < 1) {
            System.out.printf("==> %s: not run yet (%s) <==%n%n", taskLabel(ti),
                ti.state() == null ? "none" : ti.state());
            continue;
          }
          System.out.printf("==> %s, try %d (%s) <==%n", taskLabel(ti), attempt, ti.state());
          String text = client.log(parent.dagId(), id, ti.taskId(), attempt, ti.mapIndex());
          System.out.print(text.endsWith("\n") || text.isEmpty() ? text : text + "\n");
          System.out.println();
          shown++;
        }
        return shown > 0 || task == null ? Carelake.OK : Carelake.FAILURE;
      });
    }
  }
}
