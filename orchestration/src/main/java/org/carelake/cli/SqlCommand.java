package org.carelake.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.dashboard.auth.QueryGuard;
import org.carelake.dashboard.auth.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code carelake sql "QUERY"}: Spark SQL over every table by its layer.table name; no query opens a shell. */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Run Spark SQL over the lakehouse (tables as layer.table). Without a query: an interactive shell.")
final class SqlCommand implements Callable<Integer> {
  @ParentCommand
  Carelake root;

  @Parameters(arity = "0..1", paramLabel = "QUERY")
  String query;

  @Option(names = "--format", defaultValue = "table", description = "table, csv, tsv or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--limit", defaultValue = "1000", description = "Rows shown in table format (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--as", paramLabel = "USER", description = "Run with this dashboard user's role (ops.user): "
      + "analysts may read deid.* and ref.* only, with queries only; audited in ops.audit_log.")
  String as;

  private User user;

  @Override
  public Integer call() throws Exception {
    ResultPrinter.Format f = ResultPrinter.format(format);
    Lakehouse lh = Session.open(root.config(), "carelake sql");
    if (as != null) {
      user = AsUser.resolve(lh, as);
    }
    if (query != null) {
      try {
        ResultPrinter.print(query(lh, query), f, limit, System.out);
      } catch (QueryGuard.AccessDenied e) {
        System.err.println("carelake: refused: " + e.getMessage());
        return Carelake.FAILURE;
      }
      return Carelake.OK;
    }
    return shell(lh, f);
  }

  private Dataset<Row> query(Lakehouse lh, String sql) throws Exception {
    return AsUser.query(lh, user, sql);
  }

  /** Statements end with ';'. Errors are printed and the shell goes on. */
  private int shell(Lakehouse lh, ResultPrinter.Format f) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    boolean tty = System.console() != null;
    StringBuilder stmt = new StringBuilder();
    if (tty) {
      System.out.println("carelake sql: end statements with ';', quit with \\q or Ctrl-D. Tables: show tables in bronze;");
      System.out.print("carelake> ");
    }
    String line;
    while ((line = in.readLine()) != null) {
      if (stmt.isEmpty() && (line.trim().equals("\\q") || line.trim().equalsIgnoreCase("quit"))) {
        break;
      }
      stmt.append(line).append('\n');
      String s = stmt.toString().trim();
      if (s.endsWith(";")) {
        String sql = s.substring(0, s.length() - 1).trim();
        stmt.setLength(0);
        if (!sql.isEmpty()) {
          try {
            ResultPrinter.print(query(lh, sql), f, limit, System.out);
          } catch (Exception e) {
            System.out.println("error: " + e.getMessage().lines().findFirst().orElse(e.toString()));
          }
        }
      }
      if (tty) {
        System.out.print(stmt.isEmpty() ? "carelake> " : "       -> ");
      }
    }
    return Carelake.OK;
  }
}
