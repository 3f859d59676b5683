package org.carelake.orchestration.tasks;

import java.util.List;
import java.util.Map;
import org.carelake.marts.deid.DeidBuild;
import org.carelake.marts.deid.DeidSecret;
import org.carelake.marts.measure.MeasurementPeriod;
import org.carelake.orchestration.pipeline.PipelineTask;
import org.carelake.orchestration.pipeline.TaskContext;
import org.carelake.orchestration.pipeline.TaskOutcome;

/**
 * The de-identified copies analysts read ({@code deid.*}), rebuilt from silver and gold; ages as of the measurement
 * period's last day. Fails without a pseudonym secret (except on demo and test sessions).
 */
final class DeidTask implements PipelineTask {
  private final MeasurementPeriod period;

  DeidTask(MeasurementPeriod period) {
    this.period = period;
  }

  @Override
  public String name() {
    return "deid";
  }

  @Override
  public List<String> inputs() {
    return List.of("silver.*", "gold.*");
  }

  @Override
  public Map<String, String> parameters(TaskContext ctx) {
    // A new secret must rebuild deid.*: the ledger keeps a fingerprint of it (never the secret).
    String keyId;
    try {
      keyId = secret(ctx).keyId();
    } catch (IllegalStateException missing) {
      keyId = "none"; // run() fails with the explanation, recorded in the ledger like any failure
    }
    return Map.of("as_of", period.end().toString(), "key_id", keyId);
  }

  @Override
  public TaskOutcome run(TaskContext ctx) {
    DeidBuild build = DeidBuild.shipped(ctx.lakehouse(), secret(ctx), period.end(), ctx.out());
    Map<String, Long> rows = build.run();
    return TaskOutcome.of(rows.size() + " de-identified table(s)");
  }

  private static DeidSecret secret(TaskContext ctx) {
    var conf = ctx.lakehouse().spark().conf();
    return DeidSecret.resolve(k -> conf.getOption(k).isDefined() ? conf.get(k) : null);
  }
}
