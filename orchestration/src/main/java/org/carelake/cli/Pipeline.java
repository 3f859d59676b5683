package org.carelake.cli;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.TableName;
import org.carelake.core.WriterLock;
import org.carelake.marts.GoldModels;
import org.carelake.marts.cohort.CohortBuild;
import org.carelake.marts.measure.MeasureBuild;
import org.carelake.marts.measure.MeasureLibrary;
import org.carelake.marts.measure.MeasurementPeriod;
import org.carelake.marts.risk.RiskScoreBuild;
import org.carelake.transforms.identity.IdentityBuild;
import org.carelake.transforms.identity.IdentityOptions;
import org.carelake.transforms.identity.IdentityTables;
import org.carelake.transforms.silver.SilverBuild;
import org.carelake.transforms.silver.SilverViews;

/**
 * The tasks after ingestion, in dependency order: what the MLLP listener has landed into bronze, the shipped
 * reference terminology into ref (when missing or changed), silver from bronze and ref, identity resolution
 * (person_id across sources, in every silver table), the gold models from silver, then the quality measures, risk
 * scores and cohort memberships for the measurement period (risk and cohorts as of its last day).
 */
final class Pipeline {
  static final List<String> TASKS = List.of("landing", "terminology", "silver", "identity", "gold", "measures",
      "risk", "cohorts");

  private Pipeline() {}

  static void run(Lakehouse lh, List<String> tasks, boolean full, PrintStream out) {
    run(lh, tasks, full, null, out);
  }

  /** {@code period} null: the last full calendar year, and measures only re-run when silver changed. */
  static void run(Lakehouse lh, List<String> tasks, boolean full, MeasurementPeriod period, PrintStream out) {
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
      if (tasks.contains("identity")) {
        // Silver writes each record's own default person_id, so identity runs whenever silver changed.
        if (silverChanged || !lh.exists(IdentityTables.PERSON_MAP) || full || tasks.size() == 1) {
          IdentityBuild.Result r = new IdentityBuild(lh, IdentityOptions.fromConf(lh.spark()), out).run();
          silverChanged |= r.rowsUpdated() > 0;
        } else {
          out.println("identity: up to date (silver unchanged)");
        }
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
      if (tasks.contains("measures")) {
        boolean missing = !lh.exists(MeasureBuild.POPULATION);
        if (silverChanged || missing || full || period != null || tasks.size() == 1) {
          MeasurementPeriod p = period != null ? period : MeasurementPeriod.lastFullYear(LocalDate.now());
          new MeasureBuild(lh, MeasureLibrary.fromClasspath(), out).run(p, List.of());
        } else {
          out.println("measures: up to date (silver unchanged)");
        }
      }
      if (tasks.contains("risk")) {
        boolean missing = !lh.exists(RiskScoreBuild.RISK_SCORE);
        if (silverChanged || missing || full || period != null || tasks.size() == 1) {
          MeasurementPeriod p = period != null ? period : MeasurementPeriod.lastFullYear(LocalDate.now());
          out.println("risk: scores as of " + p.end());
          new RiskScoreBuild(lh, out).run(p);
        } else {
          out.println("risk: up to date (silver unchanged)");
        }
      }
      if (tasks.contains("cohorts")) {
        MeasurementPeriod p = period != null ? period : MeasurementPeriod.lastFullYear(LocalDate.now());
        CohortBuild cohorts = CohortBuild.shipped(lh, out);
        List<String> missing = cohorts.missingInputs();
        if (!missing.isEmpty()) {
          out.println("cohorts: skipped: " + missing + " not built");
        } else if (silverChanged || !lh.exists(CohortBuild.MEMBERSHIP) || full || period != null
            || tasks.size() == 1) {
          cohorts.run(p.end());
        } else {
          out.println("cohorts: up to date (silver unchanged)");
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
