package org.carelake.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.carelake.core.Lakehouse;
import org.carelake.core.WriterLock;
import org.carelake.marts.measure.MeasureBuild;
import org.carelake.marts.measure.MeasureDefinition;
import org.carelake.marts.measure.MeasureLibrary;
import org.carelake.marts.measure.MeasurementPeriod;
import org.carelake.marts.measure.TestCaseVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code carelake measure list|run|verify}: the eCQMs over silver, their care gaps and rates. */
@Command(name = "measure", mixinStandardHelpOptions = true,
    description = "Quality measures: list them, evaluate them for a period, verify them against test cases.",
    subcommands = {MeasureCommand.ListMeasures.class, MeasureCommand.Run.class, MeasureCommand.Verify.class})
final class MeasureCommand {
  @ParentCommand
  Carelake root;

  @Option(names = "--measures", scope = picocli.CommandLine.ScopeType.INHERIT, paramLabel = "DIR",
      description = "A measure library directory laid out like the shipped one (INDEX, shared/, one folder per "
          + "measure) instead of the shipped measures.")
  Path measuresDir;

  MeasureLibrary library() {
    return measuresDir == null ? MeasureLibrary.fromClasspath() : MeasureLibrary.fromDirectory(measuresDir);
  }

  static MeasurementPeriod period(String iso) {
    return iso == null ? MeasurementPeriod.lastFullYear(LocalDate.now()) : MeasurementPeriod.parse(iso);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The measures and their groups.")
  static final class ListMeasures implements Callable<Integer> {
    @ParentCommand
    MeasureCommand parent;

    @Override
    public Integer call() {
      for (MeasureDefinition m : parent.library().measures()) {
        System.out.printf("%-7s %s (%s, %s%s)%n", m.id(), m.title(), m.scoring(), m.improvementNotation(),
            m.inverse() ? ": inverse, the numerator is the gap" : "");
        for (MeasureDefinition.Group g : m.groups()) {
          System.out.printf("        group %d %s: %s%n", g.index(), g.id(), g.criteria().values());
        }
      }
      return Carelake.OK;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Evaluate measures for a period into gold.measure_population, care_gap and measure_rate.")
  static final class Run implements Callable<Integer> {
    @ParentCommand
    MeasureCommand parent;

    @Option(names = "--period", paramLabel = "START/END",
        description = "Measurement period, e.g. 2025-01-01/2025-12-31 (default: the last full calendar year).")
    String period;

    @Parameters(arity = "0..*", paramLabel = "MEASURE", description = "Measure ids (default: all), e.g. CMS122.")
    List<String> measures = List.of();

    @Override
    public Integer call() {
      MeasurementPeriod p = period(period);
      MeasureLibrary library = parent.library();
      Lakehouse lh = Session.openTables(parent.root.config(), "carelake measure run");
      try (WriterLock lock = WriterLock.acquire(lh, "measure run")) {
        new MeasureBuild(lh, library, System.out).run(p, measures);
      }
      return Carelake.OK;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Evaluate the measures named in a test-case file (MADiE expected.tsv: cms_id, patient_id, "
          + "case_name, period_start, period_end, group_index, one column per population) for its periods and "
          + "list every test case whose populations differ. Exit 1 when any differs.")
  static final class Verify implements Callable<Integer> {
    @ParentCommand
    MeasureCommand parent;

    @Parameters(index = "0", paramLabel = "EXPECTED_TSV")
    Path expected;

    @Override
    public Integer call() {
      List<TestCaseVerification.Expected> cases;
      try {
        cases = TestCaseVerification.parse(Files.readAllLines(expected));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + expected, e);
      }
      MeasureLibrary library = parent.library();
      Lakehouse lh = Session.openTables(parent.root.config(), "carelake measure verify");
      try (WriterLock lock = WriterLock.acquire(lh, "measure verify")) {
        var byPeriod = new java.util.TreeMap<String, java.util.TreeSet<String>>();
        for (var c : cases) {
          byPeriod.computeIfAbsent(c.periodStart() + "/" + c.periodEnd(), k -> new java.util.TreeSet<>())
              .add(c.measureId());
        }
        byPeriod.forEach((p, ids) -> new MeasureBuild(lh, library, System.out)
            .run(MeasurementPeriod.parse(p), List.copyOf(ids)));
      }
      var mismatches = TestCaseVerification.verify(lh, cases);
      mismatches.forEach(m -> System.out.println("MISMATCH " + m));
      var perMeasure = new java.util.TreeMap<String, int[]>();
      for (var c : cases) {
        perMeasure.computeIfAbsent(c.measureId(), k -> new int[2])[0]++;
      }
      for (var m : mismatches) {
        perMeasure.get(m.expected().measureId())[1]++;
      }
      perMeasure.forEach((id, n) -> System.out.printf("verify: %-7s %3d/%3d test-case groups match%n", id,
          n[0] - n[1], n[0]));
      System.out.printf("verify: %d of %d expected rows match%n", cases.size() - mismatches.size(), cases.size());
      return mismatches.isEmpty() ? Carelake.OK : Carelake.FAILURE;
    }
  }
}
