package org.carelake.orchestration.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.carelake.marts.measure.MeasurementPeriod;
import org.carelake.orchestration.pipeline.PipelineTask;
import org.carelake.orchestration.pipeline.TaskContext;

/** A mart task computed for a measurement period from silver, ref and the gold models; the period is a parameter. */
abstract class PeriodMartTask implements PipelineTask {
  protected final MeasurementPeriod period;
  private final List<String> inputs;

  PeriodMartTask(MeasurementPeriod period, List<String> goldTables) {
    this.period = period;
    // Silver, ref and the gold models; not all of gold: another mart's output would re-run this task whenever an
    // unrelated one ran.
    List<String> in = new ArrayList<>(List.of("silver.*", "ref.*"));
    in.addAll(goldTables);
    this.inputs = List.copyOf(in);
  }

  @Override
  public List<String> inputs() {
    return inputs;
  }

  @Override
  public Map<String, String> parameters(TaskContext ctx) {
    return Map.of("period", period.toString());
  }
}
