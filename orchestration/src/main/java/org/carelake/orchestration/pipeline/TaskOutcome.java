package org.carelake.orchestration.pipeline;

/**
 * What a task reports besides the tables it wrote (which the runner reads from the Delta logs): a one-line summary
 * and, where the task reads countable input units, how many (null when it does not).
 */
public record TaskOutcome(String summary, Long rowsIn) {
  public static TaskOutcome of(String summary) {
    return new TaskOutcome(summary, null);
  }
}
