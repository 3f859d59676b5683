package org.carelake.orchestration.tasks;

import java.util.List;
import java.util.Map;
import org.carelake.ingestion.hl7.Hl7BatchIngest;
import org.carelake.ingestion.hl7.LandingFolders;
import org.carelake.orchestration.pipeline.PipelineTask;
import org.carelake.orchestration.pipeline.TaskContext;
import org.carelake.orchestration.pipeline.TaskOutcome;

/** Sealed MLLP landing files of every source into bronze; files already ingested are skipped by the ingest ledger. */
final class LandingTask implements PipelineTask {
  @Override
  public String name() {
    return "landing";
  }

  @Override
  public List<String> inputs() {
    return List.of(); // the landing folders are files, not tables: the ingest ledger decides
  }

  @Override
  public TaskOutcome run(TaskContext ctx) throws Exception {
    Map<String, String> folders = LandingFolders.list(ctx.lakehouse());
    if (folders.isEmpty()) {
      ctx.out().println("landing: nothing landed");
      return TaskOutcome.of("nothing landed");
    }
    long units = 0;
    long accepted = 0;
    for (var e : folders.entrySet()) {
      var r = new Hl7BatchIngest(ctx.lakehouse(), Hl7BatchIngest.Options.defaults(e.getKey(), ctx.out()))
          .runHoldingLock(List.of(e.getValue()));
      ctx.out().printf("landing: %s: %d new message(s), %d duplicate(s), %d quarantined from %d file(s)%n",
          e.getKey(), r.accepted(), r.duplicates(), r.quarantined(), r.count("ingested"));
      units += r.accepted() + r.duplicates() + r.quarantined();
      accepted += r.accepted();
    }
    return new TaskOutcome(accepted + " new message(s) from " + folders.size() + " source(s)", units);
  }
}
