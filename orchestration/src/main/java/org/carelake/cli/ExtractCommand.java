package org.carelake.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.CarelakeConfig;
import org.carelake.core.Lakehouse;
import org.carelake.core.TableName;
import org.carelake.dashboard.auth.QueryGuard;
import org.carelake.dashboard.auth.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code carelake extract TABLE --format csv|parquet|ndjson --out PATH}: one table as files for BI tools (named
 * extract because {@code export} is the FHIR Bulk Data client). Patient-level tables (those with a person_id) are
 * recorded in ops.audit_log; {@code --as USER} holds the extract to the user's role, as {@code sql --as} does.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
    description = "Write one table (layer.table) as CSV, Parquet or NDJSON files into a new directory.")
final class ExtractCommand implements Callable<Integer> {
  @ParentCommand
  Carelake root;

  @Parameters(index = "0", paramLabel = "TABLE", description = "layer.table, e.g. deid.person.")
  String table;

  @Option(names = "--format", required = true, description = "csv, parquet or ndjson.")
  String format;

  @Option(names = "--out", required = true, paramLabel = "PATH",
      description = "A directory (or Hadoop filesystem URI) that must not exist yet; Spark writes one part file.")
  String out;

  @Option(names = "--as", paramLabel = "USER", description = "Extract with this dashboard user's role (ops.user).")
  String as;

  @Override
  public Integer call() throws Exception {
    String f = format.toLowerCase(Locale.ROOT);
    if (!Arrays.asList("csv", "parquet", "ndjson").contains(f)) {
      throw new IllegalArgumentException("--format must be csv, parquet or ndjson, not " + format);
    }
    TableName t = TableName.parse(table.toLowerCase(Locale.ROOT));
    Lakehouse lh = Session.open(root.config(), "carelake extract");
    if (!lh.inCatalog(t.layer().dbName(), t.table())) {
      throw new IllegalArgumentException("no table " + t.qualified() + " in " + lh.root());
    }
    String who = "cli:" + System.getProperty("user.name");
    String role = "operator";
    if (as != null) {
      User u = AsUser.resolve(lh, as);
      who = u.name();
      role = u.role().id();
      try {
        QueryGuard.check(lh.spark(), u.role(), "SELECT * FROM " + t.qualified());
      } catch (QueryGuard.AccessDenied e) {
        AsUser.audit(lh, who, role, "extract.denied", "table=" + t.qualified() + " " + e.getMessage());
        System.err.println("carelake: refused: " + e.getMessage());
        return Carelake.FAILURE;
      }
    }
    String target = CarelakeConfig.toUri(out);
    Path p = new Path(target);
    if (p.getFileSystem(lh.spark().sparkContext().hadoopConfiguration()).exists(p)) {
      throw new IllegalArgumentException("--out " + out + " exists; extracts never overwrite");
    }
    Dataset<Row> rows = lh.table(t).coalesce(1);
    long n = rows.count();
    boolean patientLevel = Arrays.asList(rows.columns()).contains("person_id");
    if (patientLevel) {
      // Recorded before the files exist: an extract that is not accounted for never leaves.
      AsUser.audit(lh, who, role, "table.extract", "table=" + t.qualified() + " format=" + f + " rows=" + n);
    }
    switch (f) {
      case "csv" -> flat(rows).write().option("header", "true").csv(target);
      case "parquet" -> rows.write().parquet(target);
      default -> rows.write().json(target);
    }
    System.out.printf("%s: %,d rows as %s in %s%s%n", t.qualified(), n, f, target,
        patientLevel ? " (audited: ops.audit_log)" : "");
    return Carelake.OK;
  }

  /** CSV has no arrays, maps or structs: those columns become their JSON text. */
  private static Dataset<Row> flat(Dataset<Row> rows) {
    Column[] cols = Arrays.stream(rows.schema().fields()).map(fd -> fd.dataType() instanceof ArrayType
        || fd.dataType() instanceof MapType || fd.dataType() instanceof StructType
        ? functions.to_json(functions.col(fd.name())).as(fd.name()) : functions.col(fd.name())).toArray(Column[]::new);
    return rows.select(cols);
  }
}
