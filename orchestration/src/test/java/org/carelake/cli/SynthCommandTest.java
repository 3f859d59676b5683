package org.carelake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carelake synth hl7}: prints the counts per feed, writes the files, starts no Spark. */
class SynthCommandTest {
  static final Path FIXTURE = Path.of("..", "ingestion", "src", "test", "resources", "fixtures", "synthea-3");

  @TempDir
  Path tmp;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void printsCountsPerFeedWithoutSpark() {
    // Other tests in this JVM may have started the shared session: synth must neither start one nor touch it.
    var before = SparkSession.getDefaultSession();
    Path out = tmp.resolve("feeds");
    CliRun r = run("synth", "hl7", "--from", FIXTURE.toString(), "--out", out.toString(), "--seed", "7", "--mllp");
    assertEquals(Carelake.OK, r.code(), r.err());
    for (String feed : new String[] {"lab", "adt", "pharmacy", "registry"}) {
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith(feed + " ")), r.out());
      assertTrue(Files.isRegularFile(out.resolve(feed).resolve(feed + ".mllp")), feed);
    }
    assertTrue(r.out().contains("ORU^R01 11"), r.out());
    assertTrue(r.out().contains("RDE^O11 25"), r.out());
    assertTrue(Files.isRegularFile(out.resolve("answer-key.csv")));
    assertTrue(Files.isRegularFile(out.resolve("lab/concept-map.json")));
    assertEquals(before, SparkSession.getDefaultSession(), "synth starts no Spark");
    assertFalse(!before.isDefined() && SparkSession.getActiveSession().isDefined(), "synth starts no Spark");
  }

  @Test
  void badInputIsAUsageError() {
    assertEquals(Carelake.USAGE, run("synth", "hl7", "--out", tmp.toString()).code());
    assertEquals(Carelake.USAGE, run("synth", "hl7", "--from", tmp.resolve("missing").toString(), "--out",
        tmp.toString()).code());
    assertEquals(Carelake.USAGE, run("synth", "hl7", "--from", FIXTURE.toString(), "--out", tmp.toString(),
        "--adt-merge-share", "1.5").code());
  }
}
