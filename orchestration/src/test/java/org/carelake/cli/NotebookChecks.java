package org.carelake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.carelake.core.CarelakeConfig;
import org.carelake.core.Lakehouse;
import org.carelake.core.SharedSpark;

/**
 * The notebooks of {@code notebooks/} (at the repository root) on a lakehouse a whole pipeline run built: every SQL
 * cell runs, the cells that answer the main questions return rows, and the roles hold (an analyst runs the analyst
 * notebooks, and is refused the data engineers' one).
 */
final class NotebookChecks {
  static final Path NOTEBOOKS = Path.of("..", "notebooks");
  private static final ObjectMapper JSON = new ObjectMapper();

  private NotebookChecks() {}

  static void everyCellRunsAndTheRoleIsKept(Path lake, Path work) throws Exception {
    List<Path> notebooks;
    try (Stream<Path> files = Files.list(NOTEBOOKS)) {
      notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
    assertEquals(List.of("cohort-exploration.ipynb", "data-quality.ipynb", "measure-performance.ipynb",
        "population-overview.ipynb"), notebooks.stream().map(p -> p.getFileName().toString()).toList());

    Map<String, Map<String, List<List<String>>>> results = new LinkedHashMap<>();
    for (Path nb : notebooks) {
      Path executed = work.resolve(nb.getFileName());
      long t0 = System.nanoTime();
      CliRun r = CliRun.of("--lakehouse", lake.toString(), "notebook", "run", nb.toString(), "--out",
          executed.toString());
      System.out.printf("notebook %s: %.1f s%n", nb.getFileName(), (System.nanoTime() - t0) / 1e9);
      results.put(nb.getFileName().toString(), cellsOf(nb.getFileName().toString(), executed, r));
      assertEquals(Carelake.OK, r.code(), nb.getFileName() + ":\n" + r.out() + r.err());
    }

    List<List<String>> people = assertRows(results, "population-overview.ipynb", "-- people: alive", 1);
    assertEquals("2", people.get(0).get(0), "the fixture's two people: " + people);
    assertRows(results, "population-overview.ipynb", "-- score distribution per model", 1);
    assertRows(results, "measure-performance.ipynb", "-- performance rate per measure group in the period", 1);
    assertRows(results, "measure-performance.ipynb", "-- care gaps per measure", 1);
    List<List<String>> cohorts = assertRows(results, "cohort-exploration.ipynb", "-- members per cohort", 1);
    assertTrue(cohorts.stream().anyMatch(row -> row.get(0).equals("uncontrolled-diabetes")
        && Integer.parseInt(row.get(1)) >= 1), cohorts.toString());
    assertRows(results, "data-quality.ipynb", "-- the latest attempt of every task", 5);
    assertRows(results, "data-quality.ipynb", "-- the latest result of every gate", 1);
    List<List<String>> rates = assertRows(results, "data-quality.ipynb", "-- gold.measure_rate vs", 1);
    assertTrue(rates.stream().allMatch(row -> row.get(row.size() - 1).equals("true")),
        "deid.measure_population agrees with gold.measure_rate: " + rates);

    rolesHold(lake, work);
  }

  /** An analyst runs an analyst notebook; the data engineers' notebook is refused cell by cell and audited. */
  private static void rolesHold(Path lake, Path work) throws Exception {
    Path pw = Files.writeString(work.resolve("pw"), "a-notebook-analyst-password\n");
    assertEquals(Carelake.OK, CliRun.of("--lakehouse", lake.toString(), "user", "add", "nb-analyst", "--role",
        "analyst", "--password-file", pw.toString()).code());
    CliRun ok = CliRun.of("--lakehouse", lake.toString(), "notebook", "run",
        NOTEBOOKS.resolve("measure-performance.ipynb").toString(), "--as", "nb-analyst", "--limit", "5");
    assertEquals(Carelake.OK, ok.code(), ok.out() + ok.err());
    assertTrue(ok.out().contains("as nb-analyst (analyst)") && ok.out().contains("[cell 1 of "), ok.out());

    CliRun denied = CliRun.of("--lakehouse", lake.toString(), "notebook", "run",
        NOTEBOOKS.resolve("data-quality.ipynb").toString(), "--as", "nb-analyst");
    assertEquals(Carelake.FAILURE, denied.code(), denied.out());
    assertTrue(denied.out().contains("cell 1 refused: analyst may not read ops.run_ledger"), denied.out());
    assertFalse(denied.out().contains(" rows)") || denied.out().contains("(1 row)"), "no cell ran:\n" + denied.out());
    assertTrue(denied.err().contains("notebook cell(s) failed: 1, 2, 3"), denied.err());
    Lakehouse lh = Lakehouse.open(SharedSpark.session(), CarelakeConfig.builder().lakehouse(lake.toString()).build());
    assertTrue(lh.sql("SELECT * FROM ops.audit_log WHERE `user` = 'nb-analyst' AND action = 'sql.denied' "
        + "AND detail LIKE '%ops.run_ledger%'").count() >= 1, "refusals are audited");
  }

  /**
   * The SQL cells of an executed notebook by their first line, each as its rows of cells. Fails naming the notebook
   * and the cell when a cell has no result (it failed, or the run stopped before it).
   */
  private static Map<String, List<List<String>>> cellsOf(String name, Path executed, CliRun run) throws IOException {
    assertTrue(Files.isRegularFile(executed), name + ": no executed notebook\n" + run.out() + run.err());
    JsonNode nb = JSON.readTree(executed.toFile());
    Map<String, List<List<String>>> cells = new LinkedHashMap<>();
    int k = 0;
    for (JsonNode cell : nb.get("cells")) {
      String src = String.join("\n", texts(cell.get("source")));
      if (!cell.get("cell_type").asText().equals("code") || !src.startsWith("%%sql")) {
        continue;
      }
      k++;
      String title = src.lines().skip(1).findFirst().orElse("").strip();
      JsonNode out = cell.path("outputs").path(0);
      if (!out.path("output_type").asText().equals("execute_result")) {
        fail(name + " cell " + k + " (" + title + "): " + out.path("ename").asText("no output") + ": "
            + out.path("evalue").asText());
      }
      assertEquals(k, cell.get("execution_count").asInt(), name + " cell " + k);
      assertTrue(texts(out.path("data").path("text/html")).get(0).equals("<table>"), name + " cell " + k);
      List<String> text = texts(out.path("data").path("text/plain"));
      List<List<String>> rows = new ArrayList<>();
      for (String line : text.subList(2, text.size() - 1)) {
        rows.add(List.of(line.strip().split("\\s*\\|\\s*", -1)));
      }
      cells.put(title, rows);
    }
    assertTrue(k >= 5, name + " has " + k + " SQL cells");
    return cells;
  }

  private static List<List<String>> assertRows(Map<String, Map<String, List<List<String>>>> results, String notebook,
      String titlePrefix, int atLeast) {
    Map<String, List<List<String>>> cells = results.get(notebook);
    List<List<String>> rows = cells.entrySet().stream().filter(e -> e.getKey().startsWith(titlePrefix))
        .map(Map.Entry::getValue).findFirst()
        .orElseThrow(() -> new AssertionError(notebook + ": no cell '" + titlePrefix + "' in " + cells.keySet()));
    assertTrue(rows.size() >= atLeast, notebook + " '" + titlePrefix + "' returned " + rows.size() + " rows: " + rows);
    return rows;
  }

  /** nbformat multi-line text (one string or a list of lines) as lines without their newlines. */
  private static List<String> texts(JsonNode text) {
    StringBuilder b = new StringBuilder();
    if (text.isTextual()) {
      b.append(text.asText());
    } else {
      text.forEach(l -> b.append(l.asText()));
    }
    return b.toString().lines().toList();
  }
}
