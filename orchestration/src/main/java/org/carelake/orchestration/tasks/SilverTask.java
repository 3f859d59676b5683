package org.carelake.orchestration.tasks;

import java.util.List;
import org.carelake.core.Tables;
import org.carelake.orchestration.pipeline.PipelineTask;
import org.carelake.orchestration.pipeline.TaskContext;
import org.carelake.orchestration.pipeline.TaskOutcome;
import org.carelake.transforms.silver.SilverBuild;
import org.carelake.transforms.silver.SilverViews;

/** Silver from bronze and ref: new bronze batches only, or everything again with {@code --full}. */
final class SilverTask implements PipelineTask {
  @Override
  public String name() {
    return "silver";
  }

  @Override
  public List<String> inputs() {
    return List.of(Tables.FHIR_RESOURCE.qualified(), Tables.HL7V2_MESSAGE.qualified(), "ref.*");
  }

  @Override
  public TaskOutcome run(TaskContext ctx) {
    SilverBuild.Result r = new SilverBuild(ctx.lakehouse(), SilverViews.fromClasspath(), ctx.out()).run(ctx.full());
    return TaskOutcome.of(r.upToDate() ? "no new bronze batches"
        : r.batches() + " bronze batch(es) into " + r.rowsByTable().size() + " table(s)");
  }
}
