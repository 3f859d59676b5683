package org.carelake.transforms.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.TableName;
import org.carelake.core.TableWriters;
import org.carelake.core.Tables;
import org.carelake.transforms.terminology.CodeQuality;
import org.carelake.transforms.terminology.RefConformance;
import org.carelake.transforms.view.CodedElement;
import org.carelake.transforms.view.CodedElements;
import org.carelake.transforms.view.ViewBatch;
import org.carelake.transforms.view.ViewDefinition;

/**
 * Builds silver from bronze with the silver ViewDefinitions. Incremental by default: only resources touched by
 * bronze batches silver has not taken in are re-evaluated (their current version, whichever batch it came from),
 * and each table is MERGEd by resource. A full build (first run, {@code full}, or changed view definitions)
 * replaces every table. Both give the same tables.
 */
public final class SilverBuild {
  /**
   * Rows per write task and output file of a silver table: a small table is one file, a big one is written by
   * several tasks at once (one task for silver.coding's 1.7 million rows of 356 patients took 28 s on one core).
   */
  private static final long ROWS_PER_FILE = 250_000;
  private static final String CODING = "coding";
  /** Tables written at once. */
  private static final int WRITERS = TableWriters.DEFAULT_THREADS;
  /** System property: {@code false} builds silver without terminology conformance (benchmarks only). */
  public static final String CONFORMANCE_PROPERTY = "carelake.silver.conformance";
  /** Bronze columns carried into every silver row (lineage). */
  private static final List<String> PASS = List.of("source_system", "resource_type", "resource_id", "last_updated",
      "batch_id");

  /** What a build did. */
  public record Result(boolean full, int batches, Map<String, Long> rowsByTable, long dangling, long millis,
                       boolean upToDate) {
    public long rows() {
      return rowsByTable.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final Lakehouse lh;
  private final SilverViews views;
  private final PrintStream log;

  private final java.time.ZoneId zone;

  public SilverBuild(Lakehouse lh, SilverViews views, PrintStream log) {
    this(lh, views, log, java.time.ZoneOffset.UTC);
  }

  /**
   * @param zone the time zone of HL7 v2 times sent without an offset (HL7 leaves it to the sender's local time;
   *     UTC unless the feeds are known to be local)
   */
  public SilverBuild(Lakehouse lh, SilverViews views, PrintStream log, java.time.ZoneId zone) {
    this.lh = lh;
    this.views = views;
    this.log = log;
    this.zone = zone;
  }

  public Result run(boolean forceFull) {
    long start = System.currentTimeMillis();
    if (!ResourceFeed.exists(lh)) {
      log.println("silver: no bronze.fhir_resource or bronze.hl7v2_message yet; nothing to build");
      return new Result(false, 0, Map.of(), 0, 0, true);
    }
    Map<String, List<SilverViews.Part>> tables = views.byTable();
    // Terminology is part of what silver is derived from: a changed map rebuilds every table. Switching it off is
    // for measuring what it costs (bench/conformance-overhead.sh), not for production.
    RefConformance conformance = "false".equals(System.getProperty(CONFORMANCE_PROPERTY)) ? null
        : RefConformance.of(lh);
    String viewsHash = viewsHash() + (conformance == null ? "" : "+" + conformance.fingerprint());
    Set<String> committed = SilverLedger.committedBatches(lh);
    Set<String> processed = SilverLedger.processedBatches(lh, viewsHash);
    boolean allTables = tables.keySet().stream().allMatch(t -> lh.exists(TableName.of(Layer.SILVER, t)));
    boolean full = forceFull || processed == null || processed.isEmpty() || !allTables;
    Set<String> fresh = new HashSet<>(committed);
    if (!full) {
      fresh.removeAll(processed);
      if (fresh.isEmpty()) {
        log.println("silver: up to date (no new bronze batches)");
        return new Result(false, 0, Map.of(), 0, System.currentTimeMillis() - start, true);
      }
    }
    log.printf("silver: %s build of %d tables from %d bronze batch%s%n", full ? "full" : "incremental",
        tables.size(), fresh.size(), fresh.size() == 1 ? "" : "es");

    try (ResourceFeed feed = ResourceFeed.open(lh, zone)) {
      return build(feed, full, fresh, committed, viewsHash, start, conformance);
    }
  }

  private Result build(ResourceFeed feed, boolean full, Set<String> fresh, Set<String> committed, String viewsHash,
                       long start, RefConformance conformance) {
    Map<String, List<SilverViews.Part>> tables = views.byTable();
    Dataset<Row> changedKeys = null;
    Set<String> changedTypes = new HashSet<>();
    Dataset<Row> current;
    if (full) {
      current = CurrentResources.select(feed.rows(), null);
    } else {
      Dataset<Row> keys = feed.rows().where(col("batch_id").isin(fresh.toArray()))
          .select("source_system", "resource_type", "resource_id").distinct().cache();
      changedKeys = keys.withColumnRenamed("resource_type", "_resource_type")
          .withColumnRenamed("resource_id", "_resource_id");
      keys.select("resource_type").distinct().collectAsList().forEach(r -> changedTypes.add(r.getString(0)));
      current = CurrentResources.select(feed.rows(), keys);
    }

    List<SilverViews.Part> parts = byResource(views.parts());
    List<ViewDefinition> defs = parts.stream().map(SilverViews.Part::view).toList();
    long t = System.currentTimeMillis();
    var conditional = conditionalReferences(parts, feed);
    log.printf("  identifiers for conditional references: %,d in %.1f s%n", conditional.size(),
        (System.currentTimeMillis() - t) / 1000.0);
    t = System.currentTimeMillis();
    ViewBatch batch = ViewBatch.of(defs).skippingEnteredInError().resolvingConditionalReferences(conditional);
    if (conformance != null) {
      batch.conforming(conformance);
    }
    Dataset<Row> evaluated = batch.run(lh.spark(), current, "resource", "resource_type", PASS)
        .persist(StorageLevel.MEMORY_AND_DISK());
    // One job evaluates every view and counts its rows; each table is then written from the cache with as many
    // files as its size needs (small tables as one file, not one per input partition).
    Map<Integer, Long> rowsByView = new LinkedHashMap<>();
    for (Row r : evaluated.groupBy("_view").agg(org.apache.spark.sql.functions.count("*"),
        org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.when(col("_row").equalTo(0), 1))
    ).collectAsList()) {
      rowsByView.put(r.getInt(0), r.getLong(1));
    }
    int partitions = evaluated.rdd().getNumPartitions();
    log.printf("  %d views evaluated: %,d rows in %.1f s (%d partitions)%n", parts.size(),
        rowsByView.values().stream().mapToLong(Long::longValue).sum(), (System.currentTimeMillis() - t) / 1000.0,
        partitions);

    Map<String, List<ReferenceColumn>> refsByTable = new LinkedHashMap<>();
    Map<String, Long> expected = new LinkedHashMap<>();
    Map<String, Dataset<Row>> frames = new LinkedHashMap<>();
    List<String> order = new ArrayList<>(tables.keySet());
    for (String table : order) {
      refsByTable.put(table, ReferenceColumn.of(tables.get(table).get(0).view()));
      long n = 0;
      for (int k = 0; k < parts.size(); k++) {
        n += parts.get(k).table().equals(table) ? rowsByView.getOrDefault(k, 0L) : 0L;
      }
      expected.put(table, n);
      frames.put(table, tableRows(batch, evaluated, parts, table)
          .coalesce((int) Math.max(1, Math.min(partitions, n / ROWS_PER_FILE + 1))));
    }
    List<Lookup> lookups = Lookup.fromClasspath();
    for (Lookup l : lookups) {
      if (frames.containsKey(l.table())) {
        // A full build fills in from the rows being written; an incremental one from the stored table (rows
        // whose target changes in this same run are fixed by the late fill-in below).
        Dataset<Row> from = full ? frames.get(l.from())
            : lh.exists(TableName.of(Layer.SILVER, l.from())) ? lh.table(TableName.of(Layer.SILVER, l.from())) : null;
        if (from != null) {
          Dataset<Row> rows = frames.get(l.table());
          frames.put(l.table(), fillIn(rows, from, l.within(List.of(rows.columns()), List.of(from.columns()))));
        }
      }
    }
    // Every reader of silver.coding selects one resource type (measure models, risk, code quality): written sorted
    // by it, a file's row groups hold one type each and the rest are skipped on their statistics.
    frames.computeIfPresent(CODING, (table, rows) -> rows.sortWithinPartitions("resource_type", "element"));
    // Tables are independent now: write them concurrently, since a Delta commit is mostly waiting, not computing.
    Map<String, List<CodeQuality.Element>> coded = conformance == null ? Map.of() : codedElements();
    Dataset<Row> batchTimes = conformance == null ? null : CodeQuality.batchTimes(lh);
    List<Row> quality = java.util.Collections.synchronizedList(new ArrayList<>());
    // How codes conformed: a full build measures its cached rows in one scan, except the tables fill-ins change
    // (measured as written); an incremental build measures each table as merged, the fill-in targets after the
    // late fill-ins.
    Set<String> filled = new HashSet<>();
    lookups.forEach(l -> filled.add(l.table()));
    if (conformance != null && full) {
      quality.addAll(CodeQuality.summarize(batch.pick(evaluated, picks(batch, parts, coded, filled),
          List.of("table_name", "element"), List.of("status", "system", "code", "display", "reason"),
          List.of("source_system", "batch_id")), batchTimes));
    }
    t = System.currentTimeMillis();
    // An incremental build leaves alone the tables no changed resource feeds: their MERGE would change nothing.
    Set<String> unchanged = new HashSet<>();
    if (!full) {
      tables.forEach((table, ps) -> {
        if (ps.stream().noneMatch(p -> changedTypes.contains(p.view().resource()))) {
          unchanged.add(table);
        }
      });
    }
    Map<String, Long> rowsByTable = writeAll(order, frames, expected, full, changedKeys, unchanged, (table, name) -> {
      if (coded.containsKey(table) && (full ? filled.contains(table) : !filled.contains(table))) {
        quality.addAll(CodeQuality.aggregate(lh.table(name), table, coded.get(table), batchTimes));
      }
    });

    log.printf("  %d tables written in %.1f s%n", order.size(), (System.currentTimeMillis() - t) / 1000.0);
    if (!full) {
      t = System.currentTimeMillis();
      // Rows written in earlier runs whose targets arrived only now: resolve them in place. A full build has
      // every target at hand already.
      Dataset<Row> index = References.identifierIndex(lh);
      for (String table : order) {
        References.resolveLate(lh, TableName.of(Layer.SILVER, table), refsByTable.get(table), index);
      }
      for (Lookup l : lookups) {
        fillInLate(l);
      }
      for (String table : filled) {
        TableName name = TableName.of(Layer.SILVER, table);
        if (coded.containsKey(table) && lh.exists(name)) {
          quality.addAll(CodeQuality.aggregate(lh.table(name), table, coded.get(table), batchTimes));
        }
      }
      log.printf("  late references and fill-ins in %.1f s%n", (System.currentTimeMillis() - t) / 1000.0);
    }
    t = System.currentTimeMillis();
    long dangling = References.check(lh, refsByTable, keyColumnOfType());
    log.printf("  references checked in %.1f s%n", (System.currentTimeMillis() - t) / 1000.0);
    evaluated.unpersist();
    String runId = UUID.randomUUID().toString();
    if (conformance != null) {
      CodeQuality.record(lh, quality, runId, log);
    }
    SilverLedger.record(lh, full ? committed : fresh, viewsHash, runId, full);
    long millis = System.currentTimeMillis() - start;
    log.printf("silver: %,d rows in %d tables in %.1f s; %,d dangling references (ops.reference_check)%n",
        rowsByTable.values().stream().mapToLong(Long::longValue).sum(), rowsByTable.size(), millis / 1000.0,
        dangling);
    return new Result(full, fresh.size(), rowsByTable, dangling, millis, false);
  }

  /**
   * The identifiers of every current resource that the identifier views read (one small pass over those types),
   * so that conditional references resolve while the views run, whichever batch brought their target.
   */
  private org.carelake.transforms.view.ConditionalReferences conditionalReferences(List<SilverViews.Part> parts,
                                                                                 ResourceFeed feed) {
    var refs = new org.carelake.transforms.view.ConditionalReferences();
    List<ViewDefinition> idViews = parts.stream().filter(p -> p.table().equals(References.IDENTIFIER.table()))
        .map(SilverViews.Part::view).toList();
    if (idViews.isEmpty()) {
      return refs;
    }
    List<String> types = idViews.stream().map(ViewDefinition::resource).distinct().toList();
    Dataset<Row> current = CurrentResources.select(feed.rows().where(col("resource_type").isin(types.toArray())), null);
    ViewBatch ids = ViewBatch.of(idViews);
    Dataset<Row> out = ids.run(lh.spark(), current, "resource", "resource_type", List.of("source_system"));
    for (int k = 0; k < idViews.size(); k++) {
      for (Row r : ids.rowsOf(out, k, List.of("source_system"))
          .selectExpr("_in_source_system", "resource_type", "system", "value", "source_id")
          .where("value IS NOT NULL").collectAsList()) {
        refs.add(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4));
      }
    }
    return refs;
  }

  /** A table's rows: the union of its parts, with lineage, person_id and last_updated added. */
  private Dataset<Row> tableRows(ViewBatch batch, Dataset<Row> evaluated, List<SilverViews.Part> parts,
                                 String table) {
    Dataset<Row> union = null;
    for (int k = 0; k < parts.size(); k++) {
      SilverViews.Part p = parts.get(k);
      if (!p.table().equals(table)) {
        continue;
      }
      Dataset<Row> rows = batch.rowsOf(evaluated, k, PASS).withColumn("_part", lit(p.file()));
      union = union == null ? rows : union.unionByName(rows);
    }
    int first = 0;
    while (!parts.get(first).table().equals(table)) {
      first++;
    }
    List<String> viewColumns = List.of(batch.viewSchema(first).fieldNames());
    List<Column> out = new ArrayList<>();
    out.add(col("_in_source_system").as("source_system"));
    if (viewColumns.contains("source_patient_id") && !viewColumns.contains("person_id")) {
      out.add(PersonIds.of(col("_in_source_system"), col("source_patient_id")).as("person_id"));
    }
    for (String c : viewColumns) {
      out.add(col("`" + c + "`"));
    }
    if (!viewColumns.contains("last_updated")) {
      out.add(col("_in_last_updated").as("last_updated"));
    }
    out.add(col("_in_resource_type").as("_resource_type"));
    out.add(col("_in_resource_id").as("_resource_id"));
    out.add(col("_part"));
    out.add(col("_row"));
    out.add(col("_in_batch_id").as("_batch_id"));
    return union.select(out.toArray(new Column[0]));
  }

  private Dataset<Row> fillIn(Dataset<Row> rows, Dataset<Row> from, Lookup l) {
    List<Column> pick = new ArrayList<>();
    pick.add(col("source_system").as("_fs"));
    pick.add(col("`" + l.fromKey() + "`").as("_fk"));
    l.fill().forEach((to, fromCol) -> pick.add(col("`" + fromCol + "`").as("_f_" + to)));
    Dataset<Row> source = from.select(pick.toArray(new Column[0])).dropDuplicates("_fs", "_fk");
    Dataset<Row> joined = rows.join(source, col("source_system").equalTo(col("_fs"))
        .and(col("`" + l.key() + "`").equalTo(col("_fk"))), "left");
    // Decide once per row, before any filled column changes the probe.
    joined = joined.withColumn("_fill", col("`" + l.probe() + "`").isNull());
    for (String to : l.fill().keySet()) {
      joined = joined.withColumn(to, org.apache.spark.sql.functions.when(col("_fill"), col("_f_" + to))
          .otherwise(col("`" + to + "`")));
    }
    List<Column> keep = new ArrayList<>();
    for (String c : rows.columns()) {
      keep.add(col("`" + c + "`"));
    }
    return joined.select(keep.toArray(new Column[0]));
  }

  /**
   * Writes every table (but the unchanged ones of an incremental build), four at a time; {@code after} then gets
   * each table, in the same thread.
   */
  private Map<String, Long> writeAll(List<String> order, Map<String, Dataset<Row>> frames, Map<String, Long> expected,
                                     boolean full, Dataset<Row> changedKeys, Set<String> unchanged,
                                     java.util.function.BiConsumer<String, TableName> after) {
    // Biggest first: the small tables then fill the gaps, instead of one big table writing alone at the end.
    List<String> bySize = new ArrayList<>(order);
    bySize.sort(java.util.Comparator.comparing((String table) -> expected.get(table)).reversed());
    List<Long> written = TableWriters.map(bySize, WRITERS, table -> {
      long t0 = System.currentTimeMillis();
      TableName name = TableName.of(Layer.SILVER, table);
      if (full) {
        SilverTableWriter.replace(lh, name, frames.get(table));
      } else if (!unchanged.contains(table)) {
        SilverTableWriter.merge(lh, name, frames.get(table), changedKeys);
      }
      long n = full ? expected.get(table) : lh.table(name).count();
      long t1 = System.currentTimeMillis();
      after.accept(table, name);
      synchronized (log) {
        log.printf("  silver.%-34s %,10d rows  %5.1f s (write %.1f s)%n", table, n,
            (System.currentTimeMillis() - t0) / 1000.0, (t1 - t0) / 1000.0);
      }
      return n;
    });
    Map<String, Long> bySizeRows = new HashMap<>();
    for (int i = 0; i < bySize.size(); i++) {
      bySizeRows.put(bySize.get(i), written.get(i));
    }
    Map<String, Long> ordered = new LinkedHashMap<>();
    order.forEach(table -> ordered.put(table, bySizeRows.get(table)));
    return ordered;
  }

  /** Rows whose lookup target arrived after them (incremental runs) are filled in place. */
  private void fillInLate(Lookup all) {
    TableName t = TableName.of(Layer.SILVER, all.table());
    TableName from = TableName.of(Layer.SILVER, all.from());
    if (!lh.exists(t) || !lh.exists(from)) {
      return;
    }
    Lookup l = all.within(List.of(lh.table(t).columns()), List.of(lh.table(from).columns()));
    StringBuilder select = new StringBuilder("SELECT DISTINCT f.source_system AS _fs, f.`" + l.fromKey() + "` AS _fk");
    l.fill().forEach((to, fromCol) -> select.append(", f.`").append(fromCol).append("` AS `_f_").append(to).append('`'));
    Dataset<Row> source = lh.sql(select + " FROM delta.`" + lh.path(from) + "` f JOIN (SELECT DISTINCT source_system, `"
        + l.key() + "` AS k FROM delta.`" + lh.path(t) + "` WHERE `" + l.probe() + "` IS NULL AND `" + l.key()
        + "` IS NOT NULL) r ON f.source_system = r.source_system AND f.`" + l.fromKey() + "` = r.k").cache();
    if (!source.isEmpty()) {
      Map<String, String> set = new LinkedHashMap<>();
      l.fill().keySet().forEach(to -> set.put("`" + to + "`", "s.`_f_" + to + "`"));
      io.delta.tables.DeltaTable.forPath(lh.spark(), lh.path(t)).as("t")
          .merge(source.dropDuplicates("_fs", "_fk").as("s"), "t.source_system = s._fs AND t.`" + l.key()
              + "` = s._fk AND t.`" + l.probe() + "` IS NULL")
          .whenMatched().updateExpr(set).execute();
    }
    source.unpersist();
  }

  /**
   * The views numbered resource type by resource type. The evaluated rows are cached in input order, and the input
   * comes a resource type at a time (bulk exports write one file per type), so each cached batch then holds a
   * narrow range of view numbers, and reading one view skips the other batches on their statistics instead of
   * scanning the whole cache once per table.
   */
  private static List<SilverViews.Part> byResource(List<SilverViews.Part> parts) {
    List<SilverViews.Part> sorted = new ArrayList<>(parts);
    sorted.sort(java.util.Comparator.comparing((SilverViews.Part p) -> p.view().resource()));
    return sorted;
  }

  /** For {@link ViewBatch#pick}: per view, its table's coded elements (status first), except the skipped tables. */
  private static Map<Integer, List<ViewBatch.Pick>> picks(ViewBatch batch, List<SilverViews.Part> parts,
                                                          Map<String, List<CodeQuality.Element>> coded,
                                                          Set<String> skip) {
    Map<Integer, List<ViewBatch.Pick>> out = new LinkedHashMap<>();
    for (int k = 0; k < parts.size(); k++) {
      String table = parts.get(k).table();
      List<CodeQuality.Element> elements = coded.get(table);
      if (elements == null || elements.isEmpty() || skip.contains(table)) {
        continue;
      }
      List<String> names = List.of(batch.viewSchema(k).fieldNames());
      List<ViewBatch.Pick> list = new ArrayList<>();
      for (CodeQuality.Element e : elements) {
        list.add(new ViewBatch.Pick(List.of(table, e.name()), new int[] {names.indexOf(e.prefix() + "map_status"),
            names.indexOf(e.system()), names.indexOf(e.code()), e.display() == null ? -1 : names.indexOf(e.display()),
            names.indexOf(e.prefix() + "map_reason")}));
      }
      out.put(k, list);
    }
    return out;
  }

  /** The coded elements of each table (from its first view: every part has the same columns). */
  private Map<String, List<CodeQuality.Element>> codedElements() {
    Map<String, List<CodeQuality.Element>> out = new LinkedHashMap<>();
    views.byTable().forEach((table, parts) -> {
      ViewDefinition v = parts.get(0).view();
      List<CodeQuality.Element> list = new ArrayList<>();
      for (CodedElements.Group g : CodedElements.of(v)) {
        for (CodedElement e : g.elements()) {
          list.add(new CodeQuality.Element(e.element(table), v.columns().get(e.systemIndex()).name(),
              v.columns().get(e.codeIndex()).name(),
              e.displayIndex() < 0 ? null : v.columns().get(e.displayIndex()).name(), e.prefix()));
        }
      }
      out.put(table, list);
    });
    return out;
  }

  /** Resource type -> (its main table, key column): the first table built from that type alone. */
  private Map<String, String[]> keyColumnOfType() {
    Map<String, String[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<SilverViews.Part>> e : views.byTable().entrySet()) {
      List<SilverViews.Part> parts = e.getValue();
      if (parts.size() != 1) {
        continue;
      }
      ViewDefinition v = parts.get(0).view();
      String first = v.columns().get(0).name();
      if ((first.equals("source_id") || first.equals("source_patient_id")) && !out.containsKey(v.resource())) {
        out.put(v.resource(), new String[] {e.getKey(), first});
      }
    }
    return out;
  }

  private String viewsHash() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (SilverViews.Part p : views.parts()) {
        sha.update(p.file().getBytes(StandardCharsets.UTF_8));
        sha.update(p.view().json().getBytes(StandardCharsets.UTF_8));
      }
      Lookup.fromClasspath().forEach(l -> sha.update(l.toString().getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
