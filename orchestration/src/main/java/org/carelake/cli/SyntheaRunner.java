package org.carelake.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Generates a deterministic synthetic population as a FHIR bulk export with Synthea 3.3.0, in its own JVM on its own
 * classpath. The same (patients, seed) always gives the same files, so a generated population is reused.
 */
final class SyntheaRunner {
  /** Synthea's clock is pinned so that the same seed gives the same data on any day. */
  static final String REFERENCE_DATE = "20261101";

  private SyntheaRunner() {}

  static Path generate(int patients, long seed, Path baseDir) throws IOException, InterruptedException {
    Path out = baseDir.resolve("synthea-" + patients + "-" + seed);
    Path fhir = out.resolve("fhir");
    Path done = out.resolve(".complete");
    if (Files.exists(done)) {
      System.out.println("demo: reusing the synthetic population in " + fhir);
      return fhir;
    }
    String cp = classpath();
    Files.createDirectories(out);
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx4g", "-cp", cp, "App",
        "-p", String.valueOf(patients), "-s", String.valueOf(seed), "-cs", String.valueOf(seed), "-r", REFERENCE_DATE,
        "--exporter.fhir.bulk_data=true", "--exporter.baseDirectory=" + out.toAbsolutePath(),
        "--exporter.years_of_history=10", "--exporter.hospital.fhir.export=true",
        "--exporter.practitioner.fhir.export=true", "Massachusetts"));
    System.out.printf("demo: generating %d synthetic patients (seed %d) with Synthea 3.3.0 into %s%n", patients, seed, fhir);
    Process p = new ProcessBuilder(cmd).directory(out.toFile()).redirectErrorStream(true)
        .redirectOutput(out.resolve("synthea.log").toFile()).start();
    long started = System.nanoTime();
    while (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
      System.out.printf("  synthea: %d s, %d file(s) so far%n", (System.nanoTime() - started) / 1_000_000_000L, count(fhir));
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("Synthea failed (exit " + p.exitValue() + "); see " + out.resolve("synthea.log"));
    }
    Files.writeString(done, "patients=" + patients + " seed=" + seed + "\n");
    return fhir;
  }

  private static long count(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  private static String classpath() throws IOException {
    String file = System.getProperty("carelake.synthea.classpath");
    if (file == null || !Files.exists(Path.of(file))) {
      throw new IllegalStateException("the Synthea classpath is not resolved: run the demo through ./carelake, or set "
          + "-Dcarelake.synthea.classpath to the output of 'mvn -f orchestration/synthea/pom.xml "
          + "dependency:build-classpath -Dmdep.outputFile=FILE'");
    }
    return Files.readString(Path.of(file)).trim();
  }
}
