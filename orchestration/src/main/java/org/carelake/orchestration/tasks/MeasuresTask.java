package org.carelake.orchestration.tasks;

import java.util.List;
import org.carelake.marts.measure.MeasureBuild;
import org.carelake.marts.measure.MeasureLibrary;
import org.carelake.marts.measure.MeasurementPeriod;
import org.carelake.orchestration.pipeline.TaskContext;
import org.carelake.orchestration.pipeline.TaskOutcome;

/** The shipped eCQMs for one measurement period. */
final class MeasuresTask extends PeriodMartTask {
  MeasuresTask(MeasurementPeriod period, List<String> goldTables) {
    super(period, goldTables);
  }

  @Override
  public String name() {
    return "measures";
  }

  @Override
  public TaskOutcome run(TaskContext ctx) {
    List<MeasureBuild.Rate> rates = new MeasureBuild(ctx.lakehouse(), MeasureLibrary.fromClasspath(), ctx.out())
        .run(period, List.of());
    return TaskOutcome.of(rates.size() + " measure group rate(s) for " + period);
  }
}
