package org.carelake.cli;

import java.io.PrintStream;
import java.util.List;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.TableName;
import org.carelake.core.WriterLock;
import org.carelake.marts.GoldModels;
import org.carelake.transforms.silver.SilverBuild;
import org.carelake.transforms.silver.SilverViews;

/**
 * The tasks after ingestion, in dependency order: what the MLLP listener has landed into bronze, the shipped
 * reference terminology into ref (when missing or changed), silver from bronze and ref, then the gold models from
 * silver.
 */
final class Pipeline {
  static final List<String> TASKS = List.of("landing", "terminology", "silver", "gold");

  private Pipeline() {}

  static void run(Lakehouse lh, List<String> tasks, boolean full, PrintStream out) {
    try (WriterLock lock = WriterLock.acquire(lh, "run")) {
      boolean silverChanged = false;
      if (tasks.contains("landing")) {
        ingestLanding(lh, out);
      }
      if (tasks.contains("terminology")) {
        org.carelake.transforms.terminology.ShippedTerminology.ensure(lh, out);
      }
      if (tasks.contains("silver")) {
        silverChanged = !new SilverBuild(lh, SilverViews.fromClasspath(), out).run(full).upToDate();
      }
      if (tasks.contains("gold")) {
        List<GoldModels.Model> models = GoldModels.fromClasspath();
        boolean missing = models.stream().anyMatch(m -> !lh.exists(TableName.of(Layer.GOLD, m.table())));
        if (silverChanged || missing || full || tasks.size() == 1) {
          out.println("gold: building models");
          GoldModels.build(lh, models, out);
        } else {
          out.println("gold: up to date (silver unchanged)");
        }
      }
    }
  }

  /** Sealed MLLP landing files of every source into bronze (files already ingested are skipped by the ledger). */
  private static void ingestLanding(Lakehouse lh, PrintStream out) {
    try {
      java.util.Map<String, String> folders = org.carelake.ingestion.hl7.LandingFolders.list(lh);
      if (folders.isEmpty()) {
        out.println("landing: nothing landed");
        return;
      }
      for (var e : folders.entrySet()) {
        var r = new org.carelake.ingestion.hl7.Hl7BatchIngest(lh,
            org.carelake.ingestion.hl7.Hl7BatchIngest.Options.defaults(e.getKey(), out))
            .runHoldingLock(List.of(e.getValue()));
        out.printf("landing: %s: %d new message(s), %d duplicate(s), %d quarantined from %d file(s)%n", e.getKey(),
            r.accepted(), r.duplicates(), r.quarantined(), r.count("ingested"));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
