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

/** The tasks after ingestion, in dependency order: silver from bronze, then the gold models from silver. */
final class Pipeline {
  static final List<String> TASKS = List.of("silver", "gold");

  private Pipeline() {}

  static void run(Lakehouse lh, List<String> tasks, boolean full, PrintStream out) {
    try (WriterLock lock = WriterLock.acquire(lh, "run")) {
      boolean silverChanged = false;
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
}
