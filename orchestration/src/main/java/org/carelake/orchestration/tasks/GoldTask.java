package org.carelake.orchestration.tasks;

import java.util.List;
import java.util.Map;
import org.carelake.marts.GoldModels;
import org.carelake.orchestration.pipeline.PipelineTask;
import org.carelake.orchestration.pipeline.TaskContext;
import org.carelake.orchestration.pipeline.TaskOutcome;

/** The gold models (one SQL file each) rebuilt from silver. */
final class GoldTask implements PipelineTask {
  private final List<GoldModels.Model> models = GoldModels.fromClasspath();

  @Override
  public String name() {
    return "gold";
  }

  @Override
  public List<String> inputs() {
    return List.of("silver.*", "ref.*");
  }

  /** The tables this task writes, which the mart tasks after it read. */
  List<String> tables() {
    return models.stream().map(m -> "gold." + m.table()).toList();
  }

  @Override
  public TaskOutcome run(TaskContext ctx) {
    ctx.out().println("gold: building models");
    Map<String, Long> rows = GoldModels.build(ctx.lakehouse(), models, ctx.out());
    return TaskOutcome.of(rows.size() + " model(s) built");
  }
}
