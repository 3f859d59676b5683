package org.carelake.orchestration.pipeline;

import java.util.List;
import java.util.Map;

/**
 * One named step of the pipeline. The runner decides from the ledger whether it has to run: it runs when its
 * parameters or the Delta versions of its inputs differ from those its last successful run left behind.
 */
public interface PipelineTask {
  String name();

  /**
   * The tables whose versions decide whether the task is current, as {@code layer.table} or {@code layer.*}. Empty
   * for a task that keeps its own ledger of what it has done (ingesting landed files, loading shipped terminology):
   * it runs every time and skips the work already done itself.
   */
  List<String> inputs();

  /** Settings besides the inputs that change the task's result (e.g. the measurement period). */
  default Map<String, String> parameters(TaskContext ctx) {
    return Map.of();
  }

  TaskOutcome run(TaskContext ctx) throws Exception;
}
