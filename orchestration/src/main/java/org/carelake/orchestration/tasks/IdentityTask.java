package org.carelake.orchestration.tasks;

import java.util.List;
import java.util.Map;
import org.carelake.orchestration.pipeline.PipelineTask;
import org.carelake.orchestration.pipeline.TaskContext;
import org.carelake.orchestration.pipeline.TaskOutcome;
import org.carelake.transforms.identity.IdentityBuild;
import org.carelake.transforms.identity.IdentityOptions;

/** Identity resolution over silver: person_id across sources, written back into every silver table. */
final class IdentityTask implements PipelineTask {
  @Override
  public String name() {
    return "identity";
  }

  @Override
  public List<String> inputs() {
    return List.of("silver.*");
  }

  @Override
  public Map<String, String> parameters(TaskContext ctx) {
    String overrides = ctx.lakehouse().spark().conf().get(IdentityOptions.CONF_PREFIX + "overrides", null);
    return overrides == null ? Map.of() : Map.of("overrides", overrides);
  }

  @Override
  public TaskOutcome run(TaskContext ctx) {
    IdentityBuild.Result r = new IdentityBuild(ctx.lakehouse(), IdentityOptions.fromConf(ctx.lakehouse().spark()),
        ctx.out()).run();
    return new TaskOutcome(r.persons() + " person(s), " + r.links() + " link(s), " + r.reviews() + " to review",
        r.records());
  }
}
