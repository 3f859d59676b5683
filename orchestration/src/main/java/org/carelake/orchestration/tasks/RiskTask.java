package org.carelake.orchestration.tasks;

import java.util.List;
import java.util.Map;
import org.carelake.marts.measure.MeasurementPeriod;
import org.carelake.marts.risk.RiskScoreBuild;
import org.carelake.orchestration.pipeline.TaskContext;
import org.carelake.orchestration.pipeline.TaskOutcome;

/** Risk scores (CMS-HCC, Charlson, Elixhauser, LACE) as of the measurement period's last day. */
final class RiskTask extends PeriodMartTask {
  RiskTask(MeasurementPeriod period, List<String> goldTables) {
    super(period, goldTables);
  }

  @Override
  public String name() {
    return "risk";
  }

  @Override
  public TaskOutcome run(TaskContext ctx) {
    ctx.out().println("risk: scores as of " + period.end());
    Map<String, Long> rows = new RiskScoreBuild(ctx.lakehouse(), ctx.out()).run(period);
    return TaskOutcome.of(rows.size() + " table(s) as of " + period.end());
  }
}
