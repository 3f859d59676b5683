package org.carelake.orchestration.tasks;

import java.util.List;
import java.util.Map;
import org.carelake.marts.measure.MeasureBuild;
import org.carelake.marts.measure.MeasureLibrary;
import org.carelake.marts.measure.MeasurementPeriod;
import org.carelake.orchestration.pipeline.PipelineTask;
import org.carelake.orchestration.pipeline.TaskContext;
import org.carelake.orchestration.pipeline.TaskOutcome;

/** The shipped eCQMs for one measurement period. */
final class MeasuresTask implements PipelineTask {
  private final MeasurementPeriod period;
  private final List<String> inputs;

  MeasuresTask(MeasurementPeriod period, List<String> goldTables) {
    this.period = period;
    this.inputs = Inputs.martInputs(goldTables);
  }

  @Override
  public String name() {
    return "measures";
  }

  @Override
  public List<String> inputs() {
    return inputs;
  }

  @Override
  public Map<String, String> parameters(TaskContext ctx) {
    return Map.of("period", period.toString());
  }

  @Override
  public TaskOutcome run(TaskContext ctx) {
    List<MeasureBuild.Rate> rates = new MeasureBuild(ctx.lakehouse(), MeasureLibrary.fromClasspath(), ctx.out())
        .run(period, List.of());
    return TaskOutcome.of(rates.size() + " measure group rate(s) for " + period);
  }
}
