package org.carelake.orchestration.tasks;

import java.util.List;
import org.carelake.marts.measure.MeasurementPeriod;
import org.carelake.orchestration.pipeline.PipelineTask;
import org.carelake.orchestration.quality.QualityTask;

/**
 * The product's task graph after ingestion, in dependency order (each task depends on the ones before it): MLLP
 * landing files into bronze, shipped terminology into ref, silver, identity, the gold models, measures, risk,
 * cohorts, the data-quality gates over everything the run produced, and last the publication of the gold versions
 * the gates passed, which is what the dashboard and {@code published.*} show.
 */
public final class CarelakePipeline {
  public static final List<String> TASKS = List.of("landing", "terminology", "silver", "identity", "gold",
      "measures", "risk", "cohorts", "deid", "quality", "publish");

  private CarelakePipeline() {}

  /** Every task, for this measurement period. */
  public static List<PipelineTask> tasks(MeasurementPeriod period) {
    GoldTask gold = new GoldTask();
    List<PipelineTask> tasks = List.of(new LandingTask(), new TerminologyTask(), new SilverTask(),
        new IdentityTask(), gold, new MeasuresTask(period, gold.tables()), new RiskTask(period, gold.tables()),
        new CohortsTask(period), new DeidTask(period), new QualityTask(), new PublishTask());
    if (!tasks.stream().map(PipelineTask::name).toList().equals(TASKS)) {
      throw new IllegalStateException("task list out of step with TASKS");
    }
    return tasks;
  }

  /**
   * The tasks to run: {@code only} alone, or from {@code from} (default the first) to {@code to} (default the last);
   * names are checked.
   */
  public static List<PipelineTask> select(List<PipelineTask> all, String only, String from, String to) {
    if (only != null && (from != null || to != null)) {
      throw new IllegalArgumentException("--only excludes --from and --to");
    }
    List<String> names = all.stream().map(PipelineTask::name).toList();
    for (String t : new String[] {only, from, to}) {
      if (t != null && !names.contains(t)) {
        throw new IllegalArgumentException("unknown task '" + t + "'; tasks: " + String.join(", ", names));
      }
    }
    if (only != null) {
      return List.of(all.get(names.indexOf(only)));
    }
    int first = from == null ? 0 : names.indexOf(from);
    int last = to == null ? names.size() - 1 : names.indexOf(to);
    if (last < first) {
      throw new IllegalArgumentException("--to " + to + " comes before --from " + from);
    }
    return all.subList(first, last + 1);
  }
}
