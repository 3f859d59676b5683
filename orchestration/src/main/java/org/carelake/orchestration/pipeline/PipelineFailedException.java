package org.carelake.orchestration.pipeline;

/** A task failed (after its retries); the tasks after it did not run. The ledger and lineage say the same. */
public final class PipelineFailedException extends RuntimeException {
  private final String task;

  PipelineFailedException(String task, int attempts, Throwable cause) {
    super("task '" + task + "' failed" + (attempts > 1 ? " after " + attempts + " attempts" : "") + ": "
        + describe(cause) + "; the tasks after it did not run (run again to resume from it)", cause);
    this.task = task;
  }

  public String task() {
    return task;
  }

  static String describe(Throwable t) {
    String m = t.getMessage();
    String first = m == null ? "" : m.strip().lines().findFirst().orElse("");
    return t.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
  }
}
