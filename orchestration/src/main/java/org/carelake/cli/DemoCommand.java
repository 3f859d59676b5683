package org.carelake.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.carelake.core.Lakehouse;
import org.carelake.core.Tables;
import org.carelake.ingestion.fhir.FhirBulkIngest;
import org.carelake.ingestion.fhir.IngestResult;
import org.carelake.marts.measure.MeasurementPeriod;
import org.carelake.orchestration.pipeline.PipelineRunner;
import org.carelake.orchestration.tasks.CarelakePipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code carelake demo}: the main job on the embedded default, from nothing to a queryable lakehouse. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Generate a synthetic population (Synthea) and the HL7 v2 feeds other systems would send about it, "
        + "ingest both, run the pipeline and print a summary.")
final class DemoCommand implements Callable<Integer> {
  @ParentCommand
  Carelake root;

  @Option(names = "--patients", defaultValue = "50", description = "Synthetic patients (default: ${DEFAULT-VALUE}).")
  int patients;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed: same seed, same data (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--data-dir", defaultValue = "data", description = "Where generated inputs go (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--serve", description = "Then serve the dashboard until Ctrl-C (as ./carelake serve).")
  boolean serve;

  @Option(names = "--port", description = "The dashboard's port with --serve (default: 8443).")
  Integer port;

  @Override
  public Integer call() throws Exception {
    if (patients < 1) {
      throw new IllegalArgumentException("--patients must be at least 1");
    }
    Path fhir = SyntheaRunner.generate(patients, seed, dataDir);
    Lakehouse lh = Session.open(root.config(), "carelake demo");
    // Synthetic people only: deid.* may use the public demo secret unless a real one is configured.
    lh.spark().conf().set(org.carelake.marts.deid.DeidSecret.ALLOW_DEMO, "true");
    IngestResult r = new FhirBulkIngest(lh, FhirBulkIngest.Options.defaults("synthea", System.out))
        .run(List.of(fhir.toString()));
    IngestCommand.print(r, System.out);
    System.out.println();
    // The other systems of the demo's world: a lab, a hospital's ADT, a pharmacy and a registry, each sending
    // HL7 v2 derived from the same population, ingested under their own source names.
    Path feeds = fhir.resolveSibling("hl7");
    var synth = new org.carelake.synth.Hl7FeedSynthesizer(org.carelake.synth.SynthOptions.defaults())
        .run(fhir, feeds);
    boolean quarantined = r.hasQuarantine();
    for (var feed : synth.feeds()) {
      var h = new org.carelake.ingestion.hl7.Hl7BatchIngest(lh,
          org.carelake.ingestion.hl7.Hl7BatchIngest.Options.defaults(feed.feed(), System.out))
          .run(List.of(feed.file().toString()));
      IngestCommand.printHl7(h, System.out);
      quarantined |= h.hasQuarantine();
    }
    // The lab's own dictionary: its local test codes mapped to LOINC, bound to the lab's feed.
    Path labMap = feeds.resolve(org.carelake.synth.Hl7FeedSynthesizer.CONCEPT_MAP);
    new org.carelake.transforms.terminology.TerminologyLoad(lh, System.out).load(List.of(labMap.toString()), "lab");
    System.out.println();
    System.out.println("current resources by type (" + Tables.FHIR_CURRENT + "):");
    ResultPrinter.print(lh.sql("SELECT resource_type, count(*) AS resources, count(DISTINCT patient_id) AS patients "
        + "FROM " + Tables.FHIR_CURRENT.qualified() + " GROUP BY resource_type ORDER BY resources DESC"),
        ResultPrinter.Format.TABLE, 100, System.out);
    System.out.println();
    new PipelineRunner(lh, System.out).run(
        CarelakePipeline.tasks(MeasurementPeriod.lastFullYear(LocalDate.now())), false);
    System.out.println();
    System.out.println("the longitudinal record (gold.patient_timeline), events by type:");
    ResultPrinter.print(lh.sql("SELECT event_type, count(*) AS events, count(DISTINCT person_id) AS persons, "
        + "min(start_time) AS first, max(start_time) AS last FROM gold.patient_timeline GROUP BY 1 ORDER BY 2 DESC"),
        ResultPrinter.Format.TABLE, 100, System.out);
    System.out.println();
    System.out.println("lakehouse: " + lh.root());
    System.out.println("next: ./carelake sql \"select code_display, count(*) from silver.condition group by 1 order by 2 desc\"");
    System.out.println("      ./carelake status");
    System.out.println("      ./carelake terminology unmapped");
    System.out.println();
    // Demo accounts with fresh random passwords, printed once: a rerun of the demo replaces them.
    System.out.println("dashboard users (" + org.carelake.dashboard.auth.UserStore.TABLE + "), passwords shown once "
        + "(the dashboard asks for a new one at the first login):");
    for (var c : org.carelake.dashboard.auth.DemoUsers.create(lh)) {
      System.out.println("  " + c.name() + "  " + c.role().id()
          + (c.organizations().isEmpty() ? "" : " of " + String.join(", ", c.organizations()))
          + "  password: " + c.password());
    }
    System.out.println("dashboard: ./carelake serve   (then open https://localhost:8443/ and log in)");
    if (serve) {
      ServeCommand.serve(lh, ServeCommand.config(null, port, null, false, null, null));
    }
    return quarantined ? Carelake.QUARANTINED : Carelake.OK;
  }
}
