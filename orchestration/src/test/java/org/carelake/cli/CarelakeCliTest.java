package org.carelake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.carelake.cli.cluster.ChildJvm;
import org.carelake.core.SharedSpark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contract: commands, exit codes, and tables reachable by layer.table from a new JVM. */
class CarelakeCliTest {
  @TempDir
  static Path tmp;

  /** The new JVM of {@link #tablesAreReachableByNameFromANewProcess}, started before the tests. */
  static CliRun newProcessIngest;
  static Process newProcess;
  static Path newProcessOut;
  static Path newProcessErr;

  @BeforeAll
  static void sharedSession() throws Exception {
    SharedSpark.session(); // the commands reuse the active session instead of starting their own
    startANewProcessOnATableWrittenHere();
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void ingestSqlStatusAndExitCodes() throws Exception {
    Path lake = tmp.resolve("lake");
    Path good = tmp.resolve("Patient.ndjson");
    Files.writeString(good, "{\"resourceType\":\"Patient\",\"id\":\"a\"}\n{\"resourceType\":\"Patient\",\"id\":\"b\"}\n");
    CliRun ok = run("--lakehouse", lake.toString(), "ingest", "fhir", good.toString(), "--source", "ehr");
    assertEquals(Carelake.OK, ok.code(), ok.err());
    assertTrue(ok.out().contains("2 lines = 2 accepted + 0 quarantined + 0 blank"), ok.out());

    Path bad = tmp.resolve("Observation.ndjson");
    Files.writeString(bad, "{\"resourceType\":\"Observation\",\"id\":\"o\"}\nnot json\n");
    CliRun quarantined = run("--lakehouse", lake.toString(), "ingest", "fhir", bad.toString());
    assertEquals(Carelake.QUARANTINED, quarantined.code(), quarantined.out() + quarantined.err());

    CliRun again = run("--lakehouse", lake.toString(), "ingest", "fhir", good.toString(), "--source", "ehr");
    assertEquals(Carelake.OK, again.code());
    assertTrue(again.out().contains("0 file(s) ingested, 1 skipped"), again.out());

    CliRun csv = run("--lakehouse", lake.toString(), "sql", "--format", "csv",
        "select source_system, count(*) as n from bronze.fhir_resource group by 1 order by 1");
    assertEquals(Carelake.OK, csv.code(), csv.err());
    assertEquals(List.of("source_system,n", "ehr,2", "fhir,1"), csv.out().lines().toList());

    CliRun json = run("--lakehouse", lake.toString(), "sql", "--format", "json",
        "select reason, line from quarantine.input");
    assertEquals("{\"reason\":\"malformed_json\",\"line\":2}", json.out().trim());

    CliRun status = run("--lakehouse", lake.toString(), "status");
    assertEquals(Carelake.OK, status.code(), status.err());
    assertTrue(status.out().contains("bronze.fhir_resource") && status.out().contains("malformed_json"), status.out());
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(Carelake.USAGE, run("ingest", "fhir").code());
    assertEquals(Carelake.USAGE, run("--lakehouse", tmp.resolve("u").toString(), "ingest", "fhir",
        tmp.resolve("does-not-exist.ndjson").toString()).code());
    assertEquals(Carelake.USAGE, run("--lakehouse", tmp.resolve("u").toString(), "sql", "--format", "xml", "select 1").code());
    assertEquals(Carelake.USAGE, run("no-such-command").code());
  }

  /**
   * The catalog is the directory tree: a brand-new JVM sees what this one wrote. The new JVM starts before the tests
   * and runs while the others run in this JVM: starting Spark in it takes as long as a few of them, mostly on one
   * core.
   */
  static void startANewProcessOnATableWrittenHere() throws Exception {
    Path lake = tmp.resolve("shared-lake");
    Path file = tmp.resolve("Encounter.ndjson");
    Files.writeString(file, "{\"resourceType\":\"Encounter\",\"id\":\"e1\",\"subject\":{\"reference\":\"Patient/p\"}}\n");
    newProcessIngest = run("--lakehouse", lake.toString(), "ingest", "fhir", file.toString());
    if (newProcessIngest.code() != Carelake.OK) {
      return; // the test below fails on it
    }

    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.addAll(ChildJvm.launcherJvmFlags());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.carelake.cli.Carelake",
        "--lakehouse", lake.toString(), "--master", "local[1]", "sql", "--format", "csv",
        "select count(*) as n, max(patient_id) as p from bronze.fhir_resource"));
    // Into files, not pipes: nobody reads the output until the test below waits for the process.
    newProcessOut = tmp.resolve("new-process.out");
    newProcessErr = tmp.resolve("new-process.err");
    newProcess = new ProcessBuilder(cmd).redirectOutput(newProcessOut.toFile()).redirectError(newProcessErr.toFile())
        .start();
  }

  @AfterAll
  static void stopTheNewProcess() {
    if (newProcess != null) {
      newProcess.destroyForcibly(); // only when its test failed before it ended
    }
  }

  @Test
  void tablesAreReachableByNameFromANewProcess() throws Exception {
    assertEquals(Carelake.OK, newProcessIngest.code(), newProcessIngest.out() + newProcessIngest.err());
    Process p = newProcess;
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    String err = Files.readString(newProcessErr, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), err);
    assertEquals(List.of("n,p", "1,p"), Files.readString(newProcessOut, StandardCharsets.UTF_8).lines().toList());
  }

  @Test
  void viewRunOverNdjsonAndIntoATableAndBadViewsFailWithTheElementNamed() throws Exception {
    Path lake = tmp.resolve("views-lake");
    Path dir = Files.createDirectories(tmp.resolve("views-input"));
    Files.writeString(dir.resolve("Patient.ndjson"), """
        {"resourceType":"Patient","id":"a","gender":"female","birthDate":"1970-06","name":[{"family":"Ames"}]}
        {"resourceType":"Patient","id":"b","gender":"male"}
        """);
    Path view = tmp.resolve("patients.json");
    Files.writeString(view, """
        {"resourceType": "ViewDefinition", "resource": "Patient", "select": [{"column": [
          {"name": "id", "path": "getResourceKey()"},
          {"name": "family", "path": "name.family.first()"},
          {"name": "born", "path": "birthDate", "tag": [{"name": "ansi/type", "value": "DATE"}]}]}]}""");
    CliRun csv = run("--lakehouse", lake.toString(), "view", "run", view.toString(), "--input", dir.toString(),
        "--format", "csv");
    assertEquals(Carelake.OK, csv.code(), csv.err());
    assertTrue(csv.out().contains("a,Ames,1970-06-01"), csv.out());
    assertTrue(csv.out().contains("b,,"), csv.out());

    CliRun into = run("--lakehouse", lake.toString(), "view", "run", view.toString(), "--input", dir.toString(),
        "--into", "silver.my_patients");
    assertEquals(Carelake.OK, into.code(), into.err());
    CliRun sql = run("--lakehouse", lake.toString(), "sql", "--format", "csv",
        "select count(*) from silver.my_patients where born = date'1970-06-01'");
    assertTrue(sql.out().contains("\n1"), sql.out());

    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, """
        {"resource": "Patient", "select": [{"column": [{"name": "id", "path": "name.where(use = %nope)"}]}]}""");
    CliRun rejected = run("--lakehouse", lake.toString(), "view", "run", bad.toString(), "--input", dir.toString());
    assertEquals(Carelake.USAGE, rejected.code());
    assertTrue(rejected.err().contains("select[0].column[0].path") && rejected.err().contains("%nope"),
        rejected.err());
  }

  /** The lakehouse of one whole `run` (every task) and that run's output: built once, read by the tests below. */
  private static Path pipelineLake;
  private static CliRun pipelineRun;

  /**
   * One person with a condition from 2020 (the timeline assertions), and one with diabetes and an office visit in the
   * default measurement period (the last full year), so measures, care gaps, risk and cohorts have someone in them
   * for the notebooks.
   */
  private static synchronized Path pipelineLake() throws IOException {
    if (pipelineLake != null) {
      return pipelineLake;
    }
    Path lake = tmp.resolve("run-lake");
    Path dir = Files.createDirectories(tmp.resolve("run-input"));
    int year = java.time.LocalDate.now().getYear() - 1;
    Files.writeString(dir.resolve("Patient.ndjson"),
        "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"gender\":\"female\",\"birthDate\":\"1950-01-02\"}\n"
        + "{\"resourceType\":\"Patient\",\"id\":\"p2\",\"gender\":\"female\",\"birthDate\":\"" + (year - 55)
        + "-05-06\",\"address\":[{\"state\":\"MA\",\"postalCode\":\"02139\"}]}\n");
    Files.writeString(dir.resolve("Condition.ndjson"), "{\"resourceType\":\"Condition\",\"id\":\"c1\","
        + "\"subject\":{\"reference\":\"Patient/p1\"},\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
        + "\"code\":\"44054006\",\"display\":\"Diabetes\"}]},\"onsetDateTime\":\"2020-03-04T05:06:07Z\"}\n"
        + "{\"resourceType\":\"Condition\",\"id\":\"c2\",\"subject\":{\"reference\":\"Patient/p2\"},"
        + "\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-clinical\","
        + "\"code\":\"active\"}]},"
        + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"44054006\"}]},"
        + "\"onsetDateTime\":\"2015-01-01T00:00:00Z\"}\n");
    Files.writeString(dir.resolve("Encounter.ndjson"), "{\"resourceType\":\"Encounter\",\"id\":\"e2\","
        + "\"status\":\"finished\",\"class\":{\"code\":\"AMB\"},\"type\":[{\"coding\":[{\"system\":"
        + "\"http://snomed.info/sct\",\"code\":\"185463005\"}]}],\"subject\":{\"reference\":\"Patient/p2\"},"
        + "\"period\":{\"start\":\"" + year + "-06-01T09:00:00Z\",\"end\":\"" + year + "-06-01T09:30:00Z\"}}\n");
    assertEquals(Carelake.OK, run("--lakehouse", lake.toString(), "ingest", "fhir", dir.toString()).code());
    pipelineRun = run("--lakehouse", lake.toString(), "run");
    pipelineLake = lake;
    return lake;
  }

  @Test
  void runBuildsSilverAndGoldThenIsUpToDate() throws Exception {
    Path lake = pipelineLake();
    assertEquals(Carelake.USAGE, run("--lakehouse", lake.toString(), "run", "--only", "nonsense").code());
    assertEquals(Carelake.USAGE, run("--lakehouse", lake.toString(), "run", "--period", "2025-12-31/2025-01-01").code());
    CliRun first = pipelineRun;
    assertEquals(Carelake.OK, first.code(), first.err());
    assertTrue(first.out().contains("silver: full build"), first.out());
    CliRun timeline = run("--lakehouse", lake.toString(), "sql", "--format", "csv",
        "select event_type, code, description, start_time from gold.patient_timeline p join gold.dim_person d "
            + "using (person_id) where d.birth_date = date'1950-01-02'");
    assertTrue(timeline.out().contains("condition,44054006,Diabetes,2020-03-04"), timeline.out());
    assertTrue(first.out().contains("measures: done") && first.out().contains("risk: done")
        && first.out().contains("cohorts: as of"), first.out());
    CliRun cohorts = run("--lakehouse", lake.toString(), "cohort", "list", "--format", "csv");
    assertEquals(Carelake.OK, cohorts.code(), cohorts.err());
    assertTrue(cohorts.out().contains("uncontrolled-diabetes"), cohorts.out());
    assertEquals(Carelake.USAGE, run("--lakehouse", lake.toString(), "cohort", "show", "no-such-cohort").code());
    assertTrue(first.out().contains("quality: silver_patient_key") && !first.out().contains(" fail "), first.out());
    CliRun again = run("--lakehouse", lake.toString(), "run");
    for (String task : RunCommand.TASKS.subList(2, RunCommand.TASKS.size())) {
      assertTrue(again.out().contains(task + ": up to date"), task + ": " + again.out());
    }
    CliRun status = run("--lakehouse", lake.toString(), "status");
    assertTrue(status.out().contains("last pipeline run (ops.run_ledger)") && status.out().contains("skipped")
        && status.out().contains("data-quality gates"), status.out());
  }

  @Test
  void everyNotebookRunsOnTheLakehouseOfAWholeRun() throws Exception {
    NotebookChecks.everyCellRunsAndTheRoleIsKept(pipelineLake(), tmp.resolve("notebooks"));
  }

  @Test
  void terminologyUnmappedThenLoadAMapThenStatusShowsShares() throws Exception {
    Path lake = tmp.resolve("tx-lake");
    Path dir = Files.createDirectories(tmp.resolve("tx-input"));
    Files.writeString(dir.resolve("Observation.ndjson"), "{\"resourceType\":\"Observation\",\"id\":\"o1\","
        + "\"status\":\"final\",\"subject\":{\"reference\":\"Patient/p1\"},\"code\":{\"coding\":[{\"system\":"
        + "\"http://acme.example/lab\",\"code\":\"K-42\",\"display\":\"POTASSIUM\"}]},\"valueQuantity\":{"
        + "\"value\":4.1,\"unit\":\"mmol/L\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mmol/L\"}}\n");
    assertEquals(Carelake.OK, run("--lakehouse", lake.toString(), "ingest", "fhir", dir.toString(), "--source",
        "acme").code());
    assertEquals(Carelake.OK, run("--lakehouse", lake.toString(), "run", "--only", "terminology").code());
    CliRun vs = run("--lakehouse", lake.toString(), "sql", "--format", "csv",
        "select count(*) from ref.value_set where value_set_oid = '2.16.840.1.113883.3.464.1003.198.12.1013'");
    assertTrue(vs.out().contains("\n1"), "the shipped HbA1c value set: " + vs.out() + vs.err());
    assertEquals(Carelake.OK, run("--lakehouse", lake.toString(), "run", "--only", "silver").code());
    CliRun unmapped = run("--lakehouse", lake.toString(), "terminology", "unmapped", "--format", "csv");
    assertEquals(Carelake.OK, unmapped.code(), unmapped.err());
    assertTrue(unmapped.out().contains("acme,http://acme.example/lab,K-42,POTASSIUM,unmapped,1,observation.code"),
        unmapped.out());
    assertEquals(Carelake.USAGE, run("--lakehouse", lake.toString(), "terminology", "unmapped", "--status",
        "weird").code());
    assertEquals(Carelake.USAGE, run("--lakehouse", lake.toString(), "terminology", "load",
        tmp.resolve("missing.csv").toString()).code());

    Path map = Files.writeString(tmp.resolve("acme-map.csv"), """
        source_system,source_code,source_display,target_system,target_code,target_display,equivalence
        http://acme.example/lab,K-42,POTASSIUM,LN,2823-3,Potassium [Moles/volume] in Serum or Plasma,equivalent
        """);
    CliRun load = run("--lakehouse", lake.toString(), "terminology", "load", map.toString(), "--source", "acme");
    assertEquals(Carelake.OK, load.code(), load.err());
    assertTrue(load.out().contains("1 concept-map entry"), load.out());
    CliRun rebuilt = run("--lakehouse", lake.toString(), "run", "--only", "silver");
    assertTrue(rebuilt.out().contains("silver: full build"), "a new map rebuilds silver: " + rebuilt.out());
    CliRun mapped = run("--lakehouse", lake.toString(), "sql", "--format", "csv", "select code_map_status, "
        + "code_standard_system, code_standard_code, value_canonical, unit_canonical from silver.observation");
    assertTrue(mapped.out().contains("mapped,http://loinc.org,2823-3,4.1"), mapped.out());
    CliRun none = run("--lakehouse", lake.toString(), "terminology", "unmapped", "--format", "csv");
    assertFalse(none.out().contains("K-42"), none.out());
    CliRun status = run("--lakehouse", lake.toString(), "status");
    assertTrue(status.out().contains("codes in silver") && status.out().contains("observation"), status.out());
  }

  @Test
  void ingestHl7FilesAndLandingFilesWithExitCodes() throws Exception {
    Path lake = tmp.resolve("hl7-lake");
    String msg = "MSH|^~\\&|LAB|ACME|EHR|HOSP|20240102030405||ORU^R01^ORU_R01|C1|P|2.5.1\rPID|1||123^^^LAB^MR||Doe^Jane\r";
    Path feed = Files.writeString(tmp.resolve("feed.hl7"), "EVN|A01\r" + msg);
    CliRun r = run("--lakehouse", lake.toString(), "ingest", "hl7", feed.toString(), "--source", "lab");
    assertEquals(Carelake.QUARANTINED, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("2 units = 1 accepted + 0 duplicates + 1 quarantined"), r.out());
    assertEquals(Carelake.USAGE, run("--lakehouse", lake.toString(), "ingest", "hl7", feed.toString(),
        "--from-landing").code());

    // What a listener landed: a sealed file is taken, one still being written is left for later.
    Path landing = Files.createDirectories(lake.resolve("landing/hl7/adt"));
    Files.writeString(landing.resolve("20240101T000000000Z-abcd1234-000001.mllp"),
        "\u000b" + msg.replace("C1", "L1") + "\u001c\r");
    Files.writeString(landing.resolve("20240101T000010000Z-abcd1234-000002.mllp.open"),
        "\u000b" + msg.replace("C1", "L2") + "\u001c\r");
    CliRun landed = run("--lakehouse", lake.toString(), "ingest", "hl7", "--from-landing");
    assertEquals(Carelake.OK, landed.code(), landed.out() + landed.err());
    assertTrue(landed.out().contains("1 units = 1 accepted"), landed.out());
    CliRun rows = run("--lakehouse", lake.toString(), "sql", "--format", "csv",
        "select source_system, control_id, cast(received_at as string) from bronze.hl7v2_message order by 2");
    assertTrue(rows.out().contains("lab,C1,") && rows.out().contains("adt,L1,2024-01-01 00:00:00"), rows.out());
    assertTrue(!rows.out().contains("L2"), "unsealed landing files wait");
    CliRun task = run("--lakehouse", lake.toString(), "run", "--only", "landing");
    assertEquals(Carelake.OK, task.code(), task.err());
    assertTrue(task.out().contains("landing: adt: 0 new message(s)"), task.out());
  }
}
