package org.carelake.orchestration.tasks;

import java.util.List;
import org.carelake.orchestration.pipeline.PipelineTask;
import org.carelake.orchestration.pipeline.TaskContext;
import org.carelake.orchestration.pipeline.TaskOutcome;
import org.carelake.transforms.terminology.ShippedTerminology;

/** The terminology shipped in the jar into ref, when missing or changed (it compares checksums itself). */
final class TerminologyTask implements PipelineTask {
  @Override
  public String name() {
    return "terminology";
  }

  @Override
  public List<String> inputs() {
    return List.of();
  }

  @Override
  public TaskOutcome run(TaskContext ctx) {
    ShippedTerminology.ensure(ctx.lakehouse(), ctx.out());
    return TaskOutcome.of("shipped terminology current");
  }
}
