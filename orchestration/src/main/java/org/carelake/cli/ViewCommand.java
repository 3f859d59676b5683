package org.carelake.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.TableName;
import org.carelake.core.WriterLock;
import org.carelake.transforms.silver.CurrentResources;
import org.carelake.transforms.view.ViewBatch;
import org.carelake.transforms.view.ViewDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code carelake view run VIEW.json}: an analyst's own SQL-on-FHIR ViewDefinition over bronze or NDJSON files. */
@Command(name = "view", description = "SQL-on-FHIR v2 ViewDefinitions.", subcommands = {ViewCommand.Run.class})
final class ViewCommand {
  @ParentCommand
  Carelake root;

  @Command(name = "run", description = "Run a ViewDefinition over the lakehouse's current FHIR resources "
      + "(bronze) or over NDJSON files, and print the rows or store them as a table.")
  static final class Run implements Callable<Integer> {
    @ParentCommand
    ViewCommand parent;

    @Parameters(paramLabel = "VIEW.json", description = "The ViewDefinition (JSON).")
    Path viewFile;

    @Option(names = "--input", paramLabel = "NDJSON", description = "Read resources from these NDJSON files or "
        + "directory instead of bronze.")
    String input;

    @Option(names = "--format", defaultValue = "table", description = "table, csv, tsv or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--limit", defaultValue = "1000", description = "Rows shown in table format (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--into", paramLabel = "LAYER.TABLE", description = "Store the rows as this table (replaced), "
        + "e.g. silver.my_view, instead of printing them.")
    String into;

    @Override
    public Integer call() throws IOException {
      if (!Files.isRegularFile(viewFile)) {
        throw new IllegalArgumentException("no such view file: " + viewFile);
      }
      // Fails here, before Spark starts, with the element and the problem named.
      ViewDefinition view = ViewDefinition.parse(Files.readString(viewFile, StandardCharsets.UTF_8));
      TableName target = into == null ? null : TableName.parse(into);
      ResultPrinter.Format f = ResultPrinter.format(format);
      Lakehouse lh = Session.openTables(parent.root.config(), "carelake view run");
      Dataset<Row> resources;
      if (input != null) {
        resources = lh.spark().read().text(input).where("trim(value) <> ''")
            .select(col("value").as("resource"), get_json_object(col("value"), "$.resourceType").as("resource_type"));
      } else {
        if (!org.carelake.transforms.silver.ResourceFeed.exists(lh)) {
          throw new IllegalArgumentException("the lakehouse has no bronze input; ingest first or use --input");
        }
        resources = CurrentResources.select(lh).where(col("resource_type").equalTo(view.resource()));
      }
      ViewBatch batch = ViewBatch.of(List.of(view));
      Dataset<Row> rows = batch.rowsOf(batch.run(lh.spark(), resources, "resource", "resource_type", List.of()), 0,
          List.of()).drop("_row");
      if (target != null) {
        try (WriterLock lock = WriterLock.acquire(lh, "view run --into " + target)) {
          lh.overwrite(target, rows);
        }
        System.out.printf("%s: %,d rows%n", target, lh.table(target).count());
      } else {
        ResultPrinter.print(rows, f, limit, System.out);
      }
      return Carelake.OK;
    }
  }
}
