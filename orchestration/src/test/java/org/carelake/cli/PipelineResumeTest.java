package org.carelake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.carelake.cli.cluster.ChildJvm;
import org.carelake.core.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline run SIGKILLed in the middle, then started again, ends with the same silver and gold tables as an
 * uninterrupted run, and does not redo the tasks that had finished. The runs stop after the gold task ({@code --to
 * gold}): the mart tasks resume by the same ledger rule and would only make the test slower.
 */
class PipelineResumeTest {
  @TempDir
  static Path tmp;

  @BeforeAll
  static void sharedSession() {
    SharedSpark.session();
  }

  private static Path fixture() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("input"));
    StringBuilder patients = new StringBuilder();
    StringBuilder observations = new StringBuilder();
    for (int i = 1; i <= 4; i++) {
      patients.append("{\"resourceType\":\"Patient\",\"id\":\"p").append(i).append("\",\"gender\":\"")
          .append(i % 2 == 0 ? "male" : "female").append("\",\"birthDate\":\"19").append(50 + i)
          .append("-03-04\",\"name\":[{\"family\":\"Name").append(i).append("\",\"given\":[\"G").append(i)
          .append("\"]}]}\n");
      observations.append("{\"resourceType\":\"Observation\",\"id\":\"o").append(i).append("\",\"status\":")
          .append("\"final\",\"subject\":{\"reference\":\"Patient/p").append(i).append("\"},\"code\":{\"coding\":")
          .append("[{\"system\":\"http://loinc.org\",\"code\":\"4548-4\"}]},\"effectiveDateTime\":\"")
          .append(java.time.LocalDate.now().getYear() - 1).append("-06-01\",\"valueQuantity\":{\"value\":")
          .append(6 + i).append(",\"unit\":\"%\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"%\"}}\n");
    }
    Files.writeString(dir.resolve("Patient.ndjson"), patients);
    Files.writeString(dir.resolve("Observation.ndjson"), observations);
    Files.writeString(dir.resolve("Condition.ndjson"), "{\"resourceType\":\"Condition\",\"id\":\"c1\","
        + "\"subject\":{\"reference\":\"Patient/p1\"},\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
        + "\"code\":\"44054006\"}]},\"onsetDateTime\":\"2020-03-04T05:06:07Z\"}\n");
    return dir;
  }

  @Test
  void aKilledRunResumesWhereItStoppedAndEndsWithTheSameTables() throws Exception {
    Path input = fixture();
    Path whole = tmp.resolve("whole");
    Path killed = tmp.resolve("killed");
    for (Path lake : List.of(whole, killed)) {
      assertEquals(Carelake.OK, CliRun.of("--lakehouse", lake.toString(), "ingest", "fhir", input.toString())
          .code());
    }
    // The same run in another JVM, killed (SIGKILL) once the identity task has started. It is started first and
    // runs beside the uninterrupted run of this JVM: the two lakehouses share nothing, and each run is mostly one
    // driver thread, so together they fill the machine's cores instead of taking turns.
    Process child = startRun(killed);
    ExecutorService watcher = Executors.newSingleThreadExecutor();
    try {
      Future<String> kill = watcher.submit(() -> killAt(child, "identity"));
      long t0 = System.nanoTime();
      CliRun uninterrupted = CliRun.of("--lakehouse", whole.toString(), "run", "--to", "gold");
      System.out.printf("uninterrupted run: %.1f s%n", (System.nanoTime() - t0) / 1e9);
      assertEquals(Carelake.OK, uninterrupted.code(), uninterrupted.err());
      String killedAt = kill.get(15, TimeUnit.MINUTES);
      System.out.println(killedAt);
      assertTrue(killedAt.startsWith("killed the run after") && killedAt.contains(" at: identity"), killedAt);
    } finally {
      child.destroyForcibly();
      watcher.shutdownNow();
    }

    long t1 = System.nanoTime();
    CliRun resumed = CliRun.of("--lakehouse", killed.toString(), "run", "--to", "gold");
    System.out.printf("resumed run: %.1f s%n", (System.nanoTime() - t1) / 1e9);
    assertEquals(Carelake.OK, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("silver: up to date"), resumed.out());
    assertTrue(resumed.out().contains("gold: building models") && !resumed.out().contains("measures"),
        resumed.out());
    SparkSession spark = SharedSpark.session();
    assertEquals(1L, spark.sql("SELECT count(*) FROM delta.`" + killed + "/ops/run_ledger` WHERE task = 'silver' "
        + "AND status = 'succeeded'").first().getLong(0));

    Map<String, List<String>> expected = Map.of("silver", List.of("patient", "observation", "person_map"),
        "gold", List.of("dim_person", "patient_timeline"));
    for (String layer : expected.keySet()) {
      List<String> tables = Arrays.stream(whole.resolve(layer).toFile().list()).sorted().toList();
      assertEquals(tables, Arrays.stream(killed.resolve(layer).toFile().list()).sorted().toList());
      assertTrue(tables.containsAll(expected.get(layer)), tables.toString());
      for (String table : tables) {
        assertEquals(rows(spark, whole, layer, table), rows(spark, killed, layer, table), layer + "." + table);
      }
    }
  }

  /** A small table's rows as sorted JSON, without the columns that record when or in which batch it was made. */
  private static List<String> rows(SparkSession spark, Path lake, String layer, String table) {
    Dataset<Row> t = comparable(spark.read().format("delta").load(lake.resolve(layer).resolve(table).toString()));
    return t.toJSON().collectAsList().stream().sorted().toList();
  }

  /** The columns that do not record when a row was computed. */
  private static Dataset<Row> comparable(Dataset<Row> table) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : table.schema().fields()) {
      DataType t = f.dataType();
      boolean clock = (t.equals(DataTypes.TimestampType) || t.equals(DataTypes.TimestampNTZType))
          && f.name().matches(".*(evaluated|computed|built|updated|created|run|recorded)_at.*");
      if (!clock && !f.name().equals("_batch_id")) {
        cols.add(functions.col("`" + f.name() + "`"));
      }
    }
    return table.select(cols.toArray(new Column[0]));
  }

  /** Starts {@code carelake run} on this lakehouse in a child JVM. */
  private static Process startRun(Path lake) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx2g");
    cmd.addAll(ChildJvm.launcherJvmFlags());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.carelake.cli.Carelake",
        "--lakehouse", lake.toString(), "--master", "local[1]", "run", "--to", "gold"));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  /**
   * SIGKILLs the child at its first output line starting with {@code at} and says when and where. It prints nothing
   * itself: it runs while this JVM's standard output is captured by the other run.
   */
  private static String killAt(Process p, String at) throws Exception {
    long start = System.nanoTime();
    StringBuilder seen = new StringBuilder();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        seen.append(line).append('\n');
        if (line.startsWith(at)) {
          p.destroyForcibly();
          assertTrue(p.waitFor(1, TimeUnit.MINUTES));
          return String.format("killed the run after %.1f s at: %s", (System.nanoTime() - start) / 1e9, line);
        }
      }
    } finally {
      p.destroyForcibly();
    }
    throw new AssertionError("the run ended before reaching '" + at + "':\n" + seen);
  }
}
