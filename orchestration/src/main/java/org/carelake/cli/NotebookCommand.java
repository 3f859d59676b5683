package org.carelake.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.carelake.core.Lakehouse;
import org.carelake.dashboard.auth.QueryGuard;
import org.carelake.dashboard.auth.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code carelake notebook run NB.ipynb}: the SQL cells of an analyst notebook (notebooks/), executed in order. */
@Command(name = "notebook", mixinStandardHelpOptions = true,
    description = "Jupyter notebooks of %%sql cells (notebooks/): run them on the lakehouse.",
    subcommands = {NotebookCommand.Run.class})
final class NotebookCommand {
  @ParentCommand
  Carelake root;

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Execute every %%sql cell of a notebook in order and print each result; a failing cell is "
          + "reported and the rest still run (exit 1 when any failed). --out writes the notebook with its outputs.")
  static final class Run implements Callable<Integer> {
    @ParentCommand
    NotebookCommand parent;

    @Parameters(index = "0", paramLabel = "NOTEBOOK.ipynb")
    Path notebook;

    @Option(names = "--out", paramLabel = "EXECUTED.ipynb",
        description = "Write a copy of the notebook with each SQL cell's output (table, or the error) filled in.")
    Path out;

    @Option(names = "--as", paramLabel = "USER", description = "Run every cell with this dashboard user's role "
        + "(ops.user), as sql --as: analysts may read deid.* and ref.* only; audited in ops.audit_log.")
    String as;

    @Option(names = "--limit", defaultValue = "100", description = "Rows shown and stored per cell "
        + "(default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
        description = "Set a parameter of the notebook's parameters cell (its {{NAME}} placeholders).")
    Map<String, String> params = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(notebook)) {
        throw new IllegalArgumentException("no notebook " + notebook);
      }
      if (limit < 1) {
        throw new IllegalArgumentException("--limit must be at least 1");
      }
      Notebook nb = Notebook.read(notebook);
      List<Notebook.SqlCell> cells = nb.sqlCells(params);
      Lakehouse lh = Session.open(parent.root.config(), "carelake notebook");
      User user = as == null ? null : AsUser.resolve(lh, as);
      System.out.printf("notebook %s: %d SQL cell(s)%s%n", notebook.getFileName(), cells.size(),
          user == null ? "" : ", as " + user.name() + " (" + user.role().id() + ")");
      nb.clearOutputs();
      List<String> failed = new ArrayList<>();
      for (Notebook.SqlCell cell : cells) {
        System.out.printf("%n[cell %d of %d] %s%n", cell.number(), cells.size(), title(cell.sql()));
        long t0 = System.nanoTime();
        try {
          ResultGrid grid = ResultGrid.of(AsUser.query(lh, user, cell.sql()), limit);
          grid.textLines().forEach(System.out::println);
          System.out.printf("%s in %.1f s%n", grid.footer("; use --limit for more"), (System.nanoTime() - t0) / 1e9);
          nb.setResult(cell, cell.number(), grid);
        } catch (Exception e) {
          boolean refused = e instanceof QueryGuard.AccessDenied;
          String first = firstLine(e);
          System.out.printf("cell %d %s: %s%n", cell.number(), refused ? "refused" : "failed", first);
          nb.setError(cell, cell.number(), refused ? "AccessDenied" : e.getClass().getSimpleName(), first);
          failed.add(String.valueOf(cell.number()));
        }
      }
      if (out != null) {
        nb.write(out);
      }
      System.out.printf("%nnotebook %s: %d of %d cell(s) ran%s%s%n", notebook.getFileName(),
          cells.size() - failed.size(), cells.size(),
          failed.isEmpty() ? "" : ", failed: cell " + String.join(", ", failed),
          out == null ? "" : "; outputs in " + out);
      if (!failed.isEmpty()) {
        System.err.printf("carelake: %d of %d notebook cell(s) failed: %s%n", failed.size(), cells.size(),
            String.join(", ", failed));
        return Carelake.FAILURE;
      }
      return Carelake.OK;
    }

    /** The cell's first line: its leading comment, when it has one, says what it asks. */
    private static String title(String sql) {
      String first = sql.lines().findFirst().orElse("").strip();
      return first.length() > 100 ? first.substring(0, 97) + "..." : first;
    }

    private static String firstLine(Exception e) {
      String m = e.getMessage();
      return m == null || m.isBlank() ? e.toString() : m.strip().lines().findFirst().orElse(m);
    }
  }
}
