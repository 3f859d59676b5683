package org.carelake.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.carelake.synth.Hl7FeedSynthesizer;
import org.carelake.synth.SynthOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code carelake synth hl7}: synthetic HL7 v2 feeds from a synthetic FHIR population. Starts no Spark. */
@Command(name = "synth", description = "Generate synthetic input.", subcommands = {SynthCommand.Hl7.class})
final class SynthCommand {

  @Command(name = "hl7", mixinStandardHelpOptions = true,
      description = "HL7 v2 feeds (lab ORU, hospital ADT, pharmacy RDE, registry VXU) derived from a FHIR bulk "
          + "export, with an answer key for identity resolution and the lab's ConceptMap.")
  static final class Hl7 implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "FHIR_DIR",
        description = "FHIR bulk export directory (.ndjson or .ndjson.gz per resource type).")
    Path from;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of every choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--mllp", description = "Frame each message in MLLP (0x0B ... 0x1C 0x0D), files end in .mllp.")
    boolean mllp;

    @Option(names = "--lab-variation-share", defaultValue = "0.3", paramLabel = "SHARE",
        description = "Lab patients registered with a name or birth-date variation (default: ${DEFAULT-VALUE}).")
    double labVariationShare;

    @Option(names = "--lab-local-only-share", defaultValue = "0.2", paramLabel = "SHARE",
        description = "Lab tests sent with the local code only, no LOINC (default: ${DEFAULT-VALUE}).")
    double labLocalOnlyShare;

    @Option(names = "--adt-update-share", defaultValue = "0.2", paramLabel = "SHARE",
        description = "Hospital patients with an A08 address change (default: ${DEFAULT-VALUE}).")
    double adtUpdateShare;

    @Option(names = "--adt-merge-share", defaultValue = "0.1", paramLabel = "SHARE",
        description = "Hospital patients with a duplicate record merged by A40 (default: ${DEFAULT-VALUE}).")
    double adtMergeShare;

    @Override
    public Integer call() throws Exception {
      SynthOptions options = SynthOptions.defaults().withSeed(seed).withMllp(mllp)
          .withShares(labVariationShare, labLocalOnlyShare, adtUpdateShare, adtMergeShare);
      Hl7FeedSynthesizer.Report r = new Hl7FeedSynthesizer(options).run(from, out);
      print(r, System.out);
      return Carelake.OK;
    }
  }

  static void print(Hl7FeedSynthesizer.Report r, PrintStream out) {
    out.printf("%-9s %8s  %-36s %s%n", "feed", "messages", "file", "types");
    int total = 0;
    for (Hl7FeedSynthesizer.FeedSummary f : r.feeds()) {
      String types = f.byType().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
          .collect(Collectors.joining(", "));
      out.printf("%-9s %8d  %-36s %s%n", f.feed(), f.messages(), f.file(), types);
      total += f.messages();
    }
    out.printf("%d messages; answer key: %d source patient ids; lab: %d local codes (%d sent without LOINC), "
            + "%d patient(s) with registration variations; adt: %d address updates, %d merged duplicates%n",
        total, r.answerKeyRows(), r.localCodes(), r.localOnlyCodes(), r.labVariations().size(), r.adtUpdates(),
        r.adtMerges());
    if (r.unreadableLines() > 0) {
      out.printf("warning: %d input line(s) were not FHIR resources and were skipped%n", r.unreadableLines());
    }
  }
}
