package org.carelake.orchestration.pipeline;

import java.io.PrintStream;
import org.carelake.core.Lakehouse;

/**
 * What a task runs with: the lakehouse, where progress goes, the run's id and options, and the task's own last
 * successful run (null if none), e.g. to compare today's measure rates with the ones that run produced.
 */
public record TaskContext(Lakehouse lakehouse, PrintStream out, String runId, boolean full,
                          RunLedger.LastSuccess previous) {}
