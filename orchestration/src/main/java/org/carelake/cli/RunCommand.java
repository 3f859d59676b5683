package org.carelake.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.carelake.core.Lakehouse;
import org.carelake.marts.measure.MeasurementPeriod;
import org.carelake.orchestration.pipeline.PipelineRunner;
import org.carelake.orchestration.pipeline.PipelineTask;
import org.carelake.orchestration.tasks.CarelakePipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code carelake run}: the pipeline after ingestion, in task order. Incremental: a task runs only when its inputs
 * or parameters changed since its last success in {@code ops.run_ledger}, so a re-run after a crash resumes at the
 * task that did not finish (docs/pipeline.md).
 */
@Command(name = "run", description = "Run the pipeline after ingestion: landing -> terminology -> silver -> identity"
    + " -> gold -> measures -> risk -> cohorts -> quality; only what changed since the last successful run.")
final class RunCommand implements Callable<Integer> {
  static final List<String> TASKS = CarelakePipeline.TASKS;

  @ParentCommand
  Carelake root;

  @Option(names = "--full", description = "Run every selected task even when it is up to date; silver is rebuilt "
      + "from all of bronze instead of taking in only new batches.")
  boolean full;

  @Option(names = "--only", paramLabel = "TASK",
      description = "Run only this task (landing, terminology, silver, identity, gold, measures, risk, "
          + "cohorts, quality), if its inputs changed (with --full: anyway).")
  String only;

  @Option(names = "--from", paramLabel = "TASK", description = "Start at this task and run the ones after it.")
  String from;

  @Option(names = "--to", paramLabel = "TASK", description = "Stop after this task (e.g. --to gold: no marts).")
  String to;

  @Option(names = "--period", paramLabel = "START/END",
      description = "Measurement period as an ISO interval, e.g. 2025-01-01/2025-12-31 (default: the last full "
          + "calendar year); used by the measure tasks.")
  String period;

  @Option(names = "--identity-overrides", paramLabel = "CSV",
      description = "Manual link/unlink decisions for the identity task (docs/identity.md); any Hadoop path.")
  String identityOverrides;

  @Override
  public Integer call() {
    MeasurementPeriod p = period == null ? MeasurementPeriod.lastFullYear(LocalDate.now())
        : MeasurementPeriod.parse(period);
    List<PipelineTask> tasks = CarelakePipeline.select(CarelakePipeline.tasks(p), only, from, to);
    Lakehouse lh = Session.openTables(root.config(), "carelake run");
    if (identityOverrides != null) {
      lh.spark().conf().set(org.carelake.transforms.identity.IdentityOptions.CONF_PREFIX + "overrides",
          identityOverrides);
    }
    new PipelineRunner(lh, System.out).run(tasks, full);
    return Carelake.OK;
  }
}
