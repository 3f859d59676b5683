package org.carelake.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.carelake.core.Lakehouse;
import org.carelake.marts.measure.MeasurementPeriod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code carelake run}: the pipeline after ingestion, in task order (silver, then gold). Incremental by default:
 * silver takes in only new bronze batches; gold is rebuilt from silver when silver changed or is missing.
 */
@Command(name = "run", description = "Run the pipeline: bronze -> silver -> gold (incremental by default).")
final class RunCommand implements Callable<Integer> {
  static final List<String> TASKS = Pipeline.TASKS;

  @ParentCommand
  Carelake root;

  @Option(names = "--full", description = "Rebuild every table from bronze instead of taking in only new batches.")
  boolean full;

  @Option(names = "--only", paramLabel = "TASK",
      description = "Run only this task (landing, terminology, silver, identity, gold, measures, risk, "
          + "cohorts).")
  String only;

  @Option(names = "--from", paramLabel = "TASK", description = "Start at this task and run the ones after it.")
  String from;

  @Option(names = "--period", paramLabel = "START/END",
      description = "Measurement period as an ISO interval, e.g. 2025-01-01/2025-12-31 (default: the last full "
          + "calendar year); used by the measure tasks.")
  String period;

  @Option(names = "--identity-overrides", paramLabel = "CSV",
      description = "Manual link/unlink decisions for the identity task (docs/identity.md); any Hadoop path.")
  String identityOverrides;

  @Override
  public Integer call() {
    List<String> tasks = selectedTasks();
    MeasurementPeriod p = period == null ? null : MeasurementPeriod.parse(period);
    Lakehouse lh = Session.open(root.config(), "carelake run");
    if (identityOverrides != null) {
      lh.spark().conf().set(org.carelake.transforms.identity.IdentityOptions.CONF_PREFIX + "overrides",
          identityOverrides);
    }
    Pipeline.run(lh, tasks, full, p, System.out);
    return Carelake.OK;
  }

  private List<String> selectedTasks() {
    if (only != null && from != null) {
      throw new IllegalArgumentException("--only and --from exclude each other");
    }
    for (String t : new String[] {only, from}) {
      if (t != null && !TASKS.contains(t)) {
        throw new IllegalArgumentException("unknown task '" + t + "'; tasks: " + String.join(", ", TASKS));
      }
    }
    if (only != null) {
      return List.of(only);
    }
    return from == null ? TASKS : TASKS.subList(TASKS.indexOf(from), TASKS.size());
  }
}
