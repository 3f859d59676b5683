package org.carelake.orchestration.tasks;

import java.util.List;
import java.util.Map;
import org.carelake.marts.cohort.CohortBuild;
import org.carelake.marts.measure.MeasurementPeriod;
import org.carelake.orchestration.pipeline.PipelineTask;
import org.carelake.orchestration.pipeline.TaskContext;
import org.carelake.orchestration.pipeline.TaskOutcome;

/** Cohort memberships as of the measurement period's last day (cohorts read measures and risk scores too). */
final class CohortsTask implements PipelineTask {
  private final MeasurementPeriod period;

  CohortsTask(MeasurementPeriod period) {
    this.period = period;
  }

  @Override
  public String name() {
    return "cohorts";
  }

  @Override
  public List<String> inputs() {
    return List.of("silver.*", "ref.*", "gold.*");
  }

  @Override
  public Map<String, String> parameters(TaskContext ctx) {
    return Map.of("as_of", period.end().toString());
  }

  @Override
  public TaskOutcome run(TaskContext ctx) {
    CohortBuild cohorts = CohortBuild.shipped(ctx.lakehouse(), ctx.out());
    List<String> missing = cohorts.missingInputs();
    if (!missing.isEmpty()) {
      ctx.out().println("cohorts: skipped: " + missing + " not built");
      return TaskOutcome.of("skipped: " + missing + " not built");
    }
    Map<String, Long> members = cohorts.run(period.end());
    return TaskOutcome.of(members.size() + " cohort(s) as of " + period.end());
  }
}
