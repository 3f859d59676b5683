package org.carelake.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.crypto.AtRestEncryption;
import org.carelake.core.crypto.PhiColumns;

/**
 * The lakehouse: Delta tables at {@code <root>/<layer>/<table>} on any Hadoop filesystem. The directory tree is the
 * catalog: {@link #attach()} registers every table found there under its {@code layer.table} name, so a new process
 * (or an executor-less SQL shell) sees exactly what earlier processes wrote, with no metastore to run.
 */
public final class Lakehouse {
  private final SparkSession spark;
  private final SessionTables tables;
  private final String root;
  private final Map<TableName, ViewDef> views = new LinkedHashMap<>();

  private final Map<String, ViewDef> functions = new LinkedHashMap<>();
  /** Whether {@link #table} reads the published versions (see {@link #published()}). */
  private final boolean readsPublished;
  private volatile Pins pins = new Pins(-2, 0, Map.of());
  /** Whether PHI columns are encrypted at rest in this session (see {@link AtRestEncryption}). */
  private final boolean encrypted;
  /** Tables whose encryption properties were checked for a schema in this process (a check reads the log). */
  private final Set<String> protectedSchemas = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private record ViewDef(String sql, List<TableName> inputs) {}

  /** The newest publication as last read, with the version of ops.publication it came from and when it was checked. */
  private record Pins(long logVersion, long checkedAt, Map<TableName, Long> versions) {}

  /** How often a reader of published versions looks for a newer publication. */
  private static final long PIN_CHECK_MILLIS = 2_000;

  public Lakehouse(SparkSession spark, String rootUri) {
    this(spark, rootUri, false);
  }

  private Lakehouse(SparkSession spark, String rootUri, boolean readsPublished) {
    this.spark = spark;
    this.tables = new SessionTables(spark);
    this.encrypted = AtRestEncryption.activate(spark);
    this.root = rootUri.endsWith("/") ? rootUri.substring(0, rootUri.length() - 1) : rootUri;
    this.readsPublished = readsPublished;
  }

  /**
   * The same lakehouse for readers who must see only published data (the dashboard): {@link #table} returns a
   * published table at the version its publication names, and any other table as it is now. A new publication is
   * picked up within seconds; with none yet every table is read as it is.
   */
  public Lakehouse published() {
    Lakehouse lh = new Lakehouse(spark, root, true);
    lh.views.putAll(views);
    lh.functions.putAll(functions);
    return lh;
  }

  /** Opens the lakehouse of a config on a session and attaches its tables. */
  public static Lakehouse open(SparkSession spark, CarelakeConfig config) {
    return open(spark, config, true);
  }

  /**
   * @param withPublished false leaves the {@code published} views out (the database is emptied): pinning them reads
   *     the publication ledger and loads an old snapshot of every published table, seconds that a command running no
   *     user SQL (ingest, run) need not pay. {@link #attachPublished} adds them later.
   */
  public static Lakehouse open(SparkSession spark, CarelakeConfig config, boolean withPublished) {
    Lakehouse lh = new Lakehouse(spark, config.lakehouseRoot());
    LakehouseViews.declare(lh);
    ProjectionMode.chooseFor(spark, lh.bronzeBytes());
    lh.attachTables();
    if (withPublished) {
      lh.attachPublished();
    } else {
      lh.detachPublished();
    }
    return lh;
  }

  public SparkSession spark() {
    return spark;
  }

  public String root() {
    return root;
  }

  public String path(TableName t) {
    return root + "/" + t.layer().dbName() + "/" + t.table();
  }

  /** Declares a view that is (re)created in every session once the tables it reads exist. */
  public void declareView(TableName name, String sql, TableName... inputs) {
    views.put(name, new ViewDef(sql, List.of(inputs)));
  }

  /**
   * Declares a SQL function ({@code CREATE TEMPORARY FUNCTION name(...) RETURNS ... RETURN ...}, given from the
   * parameter list on) that every session gets once the tables it reads exist.
   */
  public void declareFunction(String name, String sql, TableName... inputs) {
    functions.put(name, new ViewDef(sql, List.of(inputs)));
  }

  public boolean exists(TableName t) {
    try {
      Path log = new Path(path(t) + "/_delta_log");
      return fs(log).exists(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Registers every Delta table under the root and every declared view whose inputs exist. The session's catalog is
   * reset first, so a session that opened another lakehouse before sees only this one's tables (dropping an external
   * table from the in-memory catalog never touches its data).
   */
  public void attach() {
    attachTables();
    attachPublished();
  }

  /** {@link #attach} but the published views. */
  private void attachTables() {
    for (Layer layer : Layer.values()) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + layer.dbName());
      tables.dropAll(layer.dbName());
    }
    for (TableName t : discover()) {
      register(t);
    }
    attachViews();
  }

  /**
   * Recreates the {@code published} database: one read-only view per published table, pinned to the version of the
   * newest publication ({@code SELECT * FROM published.measure_rate}).
   */
  public void attachPublished() {
    detachPublished();
    for (Map.Entry<TableName, Long> p : Publication.latest(this).entrySet()) {
      try {
        spark.sql("CREATE OR REPLACE VIEW " + Publication.DATABASE + "." + p.getKey().table()
            + " AS SELECT * FROM delta.`" + path(p.getKey()).replace("`", "``") + "` VERSION AS OF " + p.getValue());
      } catch (Exception e) {
        // A published version whose files were vacuumed (or a table removed) must not stop every command.
        System.err.printf("carelake: %s.%s is not available: %s version %d cannot be read (%s)%n",
            Publication.DATABASE, p.getKey().table(), p.getKey().qualified(), p.getValue(),
            String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      }
    }
  }

  /** Empties the {@code published} database (a session may have shown another lakehouse's publication). */
  private void detachPublished() {
    spark.sql("CREATE DATABASE IF NOT EXISTS " + Publication.DATABASE);
    tables.dropAll(Publication.DATABASE);
  }

  /** (Re)creates the declared views whose input tables exist. */
  public void attachViews() {
    for (Map.Entry<TableName, ViewDef> v : views.entrySet()) {
      if (v.getValue().inputs().stream().allMatch(this::exists)) {
        spark.sql("CREATE OR REPLACE VIEW " + v.getKey().qualified() + " AS " + v.getValue().sql());
      }
    }
    for (Map.Entry<String, ViewDef> f : functions.entrySet()) {
      if (f.getValue().inputs().stream().allMatch(this::exists)) {
        spark.sql("CREATE OR REPLACE TEMPORARY FUNCTION " + f.getKey() + f.getValue().sql());
      }
    }
  }

  /** Whether {@code database.name} is a table or view of the session catalog (not a temporary view). */
  public boolean inCatalog(String database, String name) {
    return tables.exists(database, name);
  }

  private synchronized void register(TableName t) {
    if (!tables.exists(t.layer().dbName(), t.table())) {
      Path p = new Path(path(t));
      try {
        tables.registerDelta(t.layer().dbName(), t.table(), fs(p).makeQualified(p).toUri());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot reach " + p, e);
      }
    }
  }

  /** The bytes under the bronze layer (every version kept), 0 before the first ingest: how big this lakehouse is. */
  public long bronzeBytes() {
    try {
      Path bronze = new Path(root, Layer.BRONZE.dbName());
      FileSystem fs = fs(bronze);
      return fs.exists(bronze) ? fs.getContentSummary(bronze).getLength() : 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure " + root + "/" + Layer.BRONZE.dbName(), e);
    }
  }

  /** The Delta tables present under the root, by layer. */
  public List<TableName> discover() {
    List<TableName> found = new ArrayList<>();
    try {
      Path rootPath = new Path(root);
      FileSystem fs = fs(rootPath);
      for (Layer layer : Layer.values()) {
        Path dir = new Path(rootPath, layer.dbName());
        if (!fs.exists(dir)) {
          continue;
        }
        TreeMap<String, TableName> sorted = new TreeMap<>();
        for (FileStatus st : fs.listStatus(dir)) {
          String name = st.getPath().getName();
          if (st.isDirectory() && name.matches("[a-z][a-z0-9_]*") && fs.exists(new Path(st.getPath(), "_delta_log"))) {
            sorted.put(name, TableName.of(layer, name));
          }
        }
        found.addAll(sorted.values());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list lakehouse " + root, e);
    }
    return found;
  }

  /**
   * Creates an empty Delta table with this schema, partitioning and table properties unless it exists, and registers
   * it. Properties are how a table is tuned at birth, e.g. which columns carry data-skipping statistics.
   */
  public void create(TableName t, StructType schema, Map<String, String> properties, String... partitionColumns) {
    if (!exists(t)) {
      Map<String, String> all = new LinkedHashMap<>(properties);
      all.putAll(encryptionProperties(t, schema, partitionColumns));
      createTable(t, schema, all, partitionColumns);
    } else {
      protect(t, schema, partitionColumns);
    }
    register(t);
  }

  private void createTable(TableName t, StructType schema, Map<String, String> properties, String... partitionColumns) {
    StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS delta.`").append(path(t)).append("` (")
        .append(schema.toDDL()).append(") USING delta");
    if (partitionColumns.length > 0) {
      ddl.append(" PARTITIONED BY (").append(String.join(", ", partitionColumns)).append(")");
    }
    if (!properties.isEmpty()) {
      ddl.append(" TBLPROPERTIES (").append(propertyList(properties)).append(")");
    }
    spark.sql(ddl.toString());
  }

  private static String propertyList(Map<String, String> properties) {
    return properties.entrySet().stream().map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'")
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** The encryption properties a table needs for this schema: none unless it has PHI columns and encryption is on. */
  private Map<String, String> encryptionProperties(TableName t, StructType schema, String... partitionColumns) {
    List<StructField> phi = AtRestEncryption.present(PhiColumns.fromClasspath().of(t), schema);
    if (!encrypted || phi.isEmpty()) {
      return Map.of();
    }
    List<String> stats = new ArrayList<>(List.of(schema.fieldNames()));
    stats.removeAll(List.of(partitionColumns));
    return AtRestEncryption.tableProperties(phi, schema, stats);
  }

  /**
   * Before a write: a table with PHI columns is created (or altered) with the properties that encrypt them, so that
   * not one file of it is written in plaintext. A table already encrypted is never written without the keys.
   */
  private void protect(TableName t, StructType schema, String... partitionColumns) {
    List<StructField> phi = AtRestEncryption.present(PhiColumns.fromClasspath().of(t), schema);
    if (phi.isEmpty()) {
      return;
    }
    String key = path(t) + "\n" + schema.json();
    boolean exists = exists(t);
    if (exists && protectedSchemas.contains(key)) {
      return;
    }
    if (!encrypted) {
      if (exists && tableProperties(t).containsKey(AtRestEncryption.COLUMN_KEYS)) {
        throw new IllegalStateException(t.qualified() + " is encrypted at rest, but this process has no keys: set "
            + AtRestEncryption.KEYSTORE + " (see docs/security.md)");
      }
    } else if (!exists) {
      createTable(t, schema, encryptionProperties(t, schema, partitionColumns), partitionColumns);
    } else {
      // Delta checks statistics columns against the table as it is, before this write changes its schema.
      Row detail = spark.sql("DESCRIBE DETAIL delta.`" + path(t) + "`").select("partitionColumns").first();
      List<String> stats = new ArrayList<>(List.of(spark.read().format("delta").load(path(t)).schema().fieldNames()));
      stats.removeAll(detail.getList(0));
      Map<String, String> want = AtRestEncryption.tableProperties(phi, schema, stats);
      Map<String, String> have = tableProperties(t);
      if (!want.entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())))) {
        if (!have.containsKey(AtRestEncryption.COLUMN_KEYS)) {
          System.err.printf("carelake: %s: PHI columns are encrypted from now on; files written before stay "
              + "plaintext until rewritten (docs/security.md)%n", t.qualified());
        }
        spark.sql("ALTER TABLE delta.`" + path(t) + "` SET TBLPROPERTIES (" + propertyList(want) + ")");
      }
    }
    protectedSchemas.add(key);
  }

  /** A Delta table's properties (from its log; no Spark job). */
  public Map<String, String> tableProperties(TableName t) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Row r : spark.sql("SHOW TBLPROPERTIES delta.`" + path(t) + "`").collectAsList()) {
      out.put(r.getString(0), r.getString(1));
    }
    return out;
  }

  /** Appends rows to a table (created on first write) and registers it. */
  public void append(TableName t, Dataset<Row> rows, String... partitionColumns) {
    protect(t, rows.schema(), partitionColumns);
    var writer = rows.write().format("delta").mode("append");
    if (partitionColumns.length > 0) {
      writer = writer.partitionBy(partitionColumns);
    }
    writer.save(path(t));
    register(t);
  }

  /** Appends rows whose schema may add columns to the table's (new columns are null in older rows). */
  public void appendAddingColumns(TableName t, Dataset<Row> rows) {
    protect(t, rows.schema());
    rows.write().format("delta").mode("append").option("mergeSchema", "true").save(path(t));
    register(t);
  }

  /** Replaces a table's contents (and schema) in one Delta commit; readers see the old or the new table. */
  public void overwrite(TableName t, Dataset<Row> rows) {
    protect(t, rows.schema());
    rows.write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(path(t));
    register(t);
  }

  /**
   * Replaces the rows matching {@code predicate} with {@code rows} in one Delta commit (the table is created on first
   * write); rows outside the predicate (other periods, other measures) stay.
   */
  public void replaceWhere(TableName t, Dataset<Row> rows, String predicate) {
    if (!exists(t)) {
      overwrite(t, rows);
      return;
    }
    protect(t, rows.schema());
    rows.write().format("delta").mode("overwrite").option("replaceWhere", predicate).save(path(t));
    register(t);
  }

  public Dataset<Row> table(TableName t) {
    Long version = readsPublished ? publishedVersions().get(t) : null;
    var reader = spark.read().format("delta");
    return (version == null ? reader : reader.option("versionAsOf", version)).load(path(t));
  }

  private Map<TableName, Long> publishedVersions() {
    Pins p = pins;
    long now = System.currentTimeMillis();
    if (now - p.checkedAt() < PIN_CHECK_MILLIS) {
      return p.versions();
    }
    long log = latestVersion(Publication.TABLE);
    Map<TableName, Long> versions = log == p.logVersion() ? p.versions() : Publication.latest(this);
    pins = new Pins(log, now, versions);
    return versions;
  }

  /** The newest commit in a table's Delta log (a listing, no Spark job), or -1 for a table that does not exist. */
  public long latestVersion(TableName t) {
    Path log = new Path(path(t), "_delta_log");
    try {
      FileSystem fs = fs(log);
      long max = -1;
      for (FileStatus st : fs.listStatus(log)) {
        String name = st.getPath().getName();
        if (name.length() == 25 && name.endsWith(".json") && name.chars().limit(20).allMatch(Character::isDigit)) {
          max = Math.max(max, Long.parseLong(name.substring(0, 20)));
        }
      }
      return max;
    } catch (java.io.FileNotFoundException e) {
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Delta log of " + t, e);
    }
  }

  public Dataset<Row> sql(String query) {
    return spark.sql(query);
  }

  private FileSystem fs(Path p) throws IOException {
    return p.getFileSystem(spark.sparkContext().hadoopConfiguration());
  }
}
