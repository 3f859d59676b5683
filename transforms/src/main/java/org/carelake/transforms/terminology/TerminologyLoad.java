package org.carelake.transforms.terminology;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.Lakehouse;
import org.carelake.core.TableName;

/**
 * Loads terminology files into the {@code ref} tables: FHIR ValueSet / CodeSystem / ConceptMap / NamingSystem
 * resources (JSON, NDJSON, Bundles), value-set expansions as TSV, concept maps and code-system aliases as CSV. A file
 * replaces what it defines and leaves the rest: value sets by (url, version), so several versions sit side by side;
 * concept maps by (url, feed); code systems and their concepts by (system, version); aliases by alias. A file's
 * aliases are written first, so its own maps and value sets, and the files loaded after it, may name a system by an
 * alias it declares. Loading the same file again changes nothing. Every load is recorded in
 * {@code ref.terminology_load}.
 */
public final class TerminologyLoad {
  /** What one file brought. */
  public record Result(String file, long valueSets, long valueSetCodes, long conceptMapEntries,
                       long codeSystemConcepts, long aliases, List<String> warnings) {}

  private final Lakehouse lh;
  private final PrintStream log;
  /** The lakehouse's registry (defaults plus users' aliases), read when first needed and after aliases change. */
  private CodeSystemRegistry registry;

  public TerminologyLoad(Lakehouse lh, PrintStream log) {
    this.lh = lh;
    this.log = log;
  }

  private CodeSystemRegistry registry() {
    if (registry == null) {
      registry = RefCodeSystems.registry(lh);
    }
    return registry;
  }

  /**
   * Loads files or directories (every .json, .ndjson, .tsv and .csv file under them, sorted), from any Hadoop
   * filesystem. {@code sourceFeed} binds the concept maps of these files to one source (null: any source).
   */
  public List<Result> load(List<String> paths, String sourceFeed) {
    List<Result> results = new ArrayList<>();
    for (String p : paths) {
      for (Path file : files(p)) {
        results.add(apply(file.toString(), read(file), "user", sourceFeed));
      }
    }
    return results;
  }

  /** Loads one file's bytes; {@code kind} is {@code shipped} for Carelake's own reference files. */
  public Result apply(String name, byte[] bytes, String kind, String sourceFeed) {
    TerminologyContent content;
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      content = TerminologyFiles.read(name, in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
    return apply(name, content, kind, sourceFeed, hash(bytes, null));
  }

  /**
   * Writes parsed content (from a file, or from a terminology server: {@code kind} says which) and records the
   * load; {@code contentHash} identifies the content.
   */
  public Result apply(String name, TerminologyContent content, String kind, String sourceFeed, String contentHash) {
    String loadId = hash((contentHash + "|" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8), sourceFeed);
    long aliases = writeAliases(content.aliases(), loadId);
    long valueSets = writeValueSets(content.valueSetCodes(), loadId);
    long mapEntries = writeConceptMaps(content.conceptMapEntries(), sourceFeed, loadId);
    writeCodeSystems(content.codeSystems(), content.codeSystemConcepts(), loadId);
    long concepts = writeConcepts(content.codeSystemConcepts(), loadId);
    Result r = new Result(name, valueSets, content.valueSetCodes().size(), mapEntries,
        content.codeSystemConcepts().size(), aliases, content.warnings());
    record(r, loadId, contentHash, kind, sourceFeed);
    lh.attachViews();
    log.printf("terminology: %s: %,d value set(s) with %,d code(s), %,d concept-map entr%s, %,d code-system "
            + "concept(s)%s%s%n", name, r.valueSets(), r.valueSetCodes(), r.conceptMapEntries(),
        r.conceptMapEntries() == 1 ? "y" : "ies", r.codeSystemConcepts(),
        r.aliases() == 0 ? "" : String.format(", %,d code-system alias(es)", r.aliases()),
        r.warnings().isEmpty() ? "" : "; " + r.warnings().size() + " warning(s)");
    r.warnings().forEach(w -> log.println("  warning: " + w));
    return r;
  }

  /** A user's aliases replace earlier ones of the same spelling; Carelake's own rows stay (see ShippedTerminology). */
  private long writeAliases(List<CodeSystemAlias> aliases, String loadId) {
    if (aliases.isEmpty()) {
      return 0;
    }
    ShippedTerminology.ensureAliasTable(lh, log);
    CodeSystemRegistry before = registry();
    List<Row> rows = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    for (CodeSystemAlias a : aliases) {
      String uri = before.canonical(a.uri());
      if (!keys.add(RefTables.ORIGIN_USER + "|" + a.alias())) {
        continue;
      }
      CodeSystemInfo info = before.info(uri);
      rows.add(RowFactory.create(a.alias(), a.kind(), uri, info == null ? null : info.name(),
          info != null && info.standard(), RefTables.ORIGIN_USER, loadId));
    }
    Column key = concat_ws("|", col("origin"), col("alias"));
    replace(RefTables.CODE_SYSTEM_ALIAS, RefTables.CODE_SYSTEM_ALIAS_SCHEMA, rows, key, keys);
    registry = null;
    return rows.size();
  }

  private long writeValueSets(List<ValueSetCode> codes, String loadId) {
    if (codes.isEmpty()) {
      return 0;
    }
    List<Row> rows = new ArrayList<>(codes.size());
    Map<List<String>, long[]> sets = new LinkedHashMap<>();
    Map<List<String>, String[]> names = new LinkedHashMap<>();
    Set<List<String>> seen = new java.util.HashSet<>();
    for (ValueSetCode c : codes) {
      String system = registry().canonical(c.system());
      List<String> key = java.util.Arrays.asList(c.valueSetUrl(), c.valueSetVersion());
      if (!seen.add(java.util.Arrays.asList(c.valueSetUrl(), c.valueSetVersion(), system, c.code()))) {
        continue;
      }
      rows.add(RowFactory.create(c.valueSetUrl(), c.valueSetOid(), c.valueSetVersion(), c.valueSetName(), system,
          c.code(), c.display(), loadId));
      sets.computeIfAbsent(key, k -> new long[1])[0]++;
      names.putIfAbsent(key, new String[] {c.valueSetOid(), c.valueSetName()});
    }
    List<Row> setRows = new ArrayList<>();
    sets.forEach((k, n) -> setRows.add(RowFactory.create(k.get(0), names.get(k)[0], k.get(1), names.get(k)[1], n[0],
        loadId)));
    Column key = concat_ws("|", col("value_set_url"), coalesce(col("value_set_version"), lit("")));
    Set<String> keys = new LinkedHashSet<>();
    sets.keySet().forEach(k -> keys.add(k.get(0) + "|" + (k.get(1) == null ? "" : k.get(1))));
    replace(RefTables.VALUE_SET_CODE, RefTables.VALUE_SET_CODE_SCHEMA, rows, key, keys);
    replace(RefTables.VALUE_SET, RefTables.VALUE_SET_SCHEMA, setRows, key, keys);
    return sets.size();
  }

  private long writeConceptMaps(List<ConceptMapEntry> entries, String sourceFeed, String loadId) {
    if (entries.isEmpty()) {
      return 0;
    }
    List<Row> rows = new ArrayList<>(entries.size());
    Set<String> keys = new LinkedHashSet<>();
    for (ConceptMapEntry e : entries) {
      String feed = sourceFeed != null ? sourceFeed : e.sourceFeed();
      rows.add(RowFactory.create(e.mapUrl(), e.mapVersion(), feed, registry().canonical(e.sourceSystem()),
          e.sourceCode(), e.sourceDisplay(), registry().canonical(e.targetSystem()), e.targetCode(),
          e.targetDisplay(), e.equivalence(), loadId));
      keys.add(e.mapUrl() + "|" + (feed == null ? "" : feed));
    }
    Column key = concat_ws("|", col("map_url"), coalesce(col("source_feed"), lit("")));
    replace(RefTables.CONCEPT_MAP, RefTables.CONCEPT_MAP_SCHEMA, rows, key, keys);
    return rows.size();
  }

  /** One row per loaded CodeSystem (system, version): what it is, whether it is complete, how many concepts. */
  private void writeCodeSystems(List<CodeSystemDefinition> systems, List<CodeSystemConcept> concepts, String loadId) {
    if (systems.isEmpty()) {
      return;
    }
    Map<String, long[]> counts = new java.util.HashMap<>();
    for (CodeSystemConcept c : concepts) {
      counts.computeIfAbsent(registry().canonical(c.system()) + "|" + (c.version() == null ? "" : c.version()),
          k -> new long[1])[0]++;
    }
    List<Row> rows = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    for (CodeSystemDefinition d : systems) {
      String system = registry().canonical(d.system());
      String k = system + "|" + (d.version() == null ? "" : d.version());
      if (keys.add(k)) {
        long[] n = counts.get(k);
        rows.add(RowFactory.create(system, d.version(), d.name(), d.content(), n == null ? 0L : n[0], loadId));
      }
    }
    Column key = concat_ws("|", col("system"), coalesce(col("version"), lit("")));
    replace(RefTables.CODE_SYSTEM, RefTables.CODE_SYSTEM_SCHEMA, rows, key, keys);
  }

  private long writeConcepts(List<CodeSystemConcept> concepts, String loadId) {
    if (concepts.isEmpty()) {
      return 0;
    }
    List<Row> rows = new ArrayList<>(concepts.size());
    Set<String> keys = new LinkedHashSet<>();
    for (CodeSystemConcept c : concepts) {
      String system = registry().canonical(c.system());
      rows.add(RowFactory.create(system, c.version(), c.code(), c.display(), loadId));
      keys.add(system + "|" + (c.version() == null ? "" : c.version()));
    }
    Column key = concat_ws("|", col("system"), coalesce(col("version"), lit("")));
    replace(RefTables.CODE_SYSTEM_CONCEPT, RefTables.CODE_SYSTEM_CONCEPT_SCHEMA, rows, key, keys);
    return rows.size();
  }

  /** The table's rows whose key is not in {@code keys}, plus {@code rows}: one atomic Delta commit. */
  void replace(TableName table, StructType schema, List<Row> rows, Column key, Set<String> keys) {
    Dataset<Row> fresh = lh.spark().createDataFrame(rows, schema);
    Dataset<Row> out = lh.exists(table)
        ? lh.table(table).where(org.apache.spark.sql.functions.not(key.isin(keys.toArray()))).unionByName(fresh)
        : fresh;
    lh.overwrite(table, out.coalesce(1));
  }

  private void record(Result r, String loadId, String contentHash, String kind, String sourceFeed) {
    Row row = RowFactory.create(loadId, new Timestamp(System.currentTimeMillis()), r.file(), contentHash, kind,
        sourceFeed, r.valueSets(), r.valueSetCodes(), r.conceptMapEntries(), r.codeSystemConcepts(),
        scala.jdk.javaapi.CollectionConverters.asScala(r.warnings()).toSeq());
    lh.append(RefTables.TERMINOLOGY_LOAD, lh.spark().createDataFrame(List.of(row), RefTables.TERMINOLOGY_LOAD_SCHEMA));
  }

  /** Records a shipped file that is not a value set or map (code-system aliases, canonical units). */
  void recordShipped(String name, byte[] bytes) {
    String h = hash(bytes, null);
    record(new Result(name, 0, 0, 0, 0, 0, List.of()), h, h, "shipped", null);
  }

  private List<Path> files(String p) {
    try {
      Path path = new Path(p);
      FileSystem fs = path.getFileSystem(lh.spark().sparkContext().hadoopConfiguration());
      if (!fs.exists(path)) {
        throw new IllegalArgumentException("terminology file not found: " + p);
      }
      if (fs.getFileStatus(path).isFile()) {
        return List.of(fs.makeQualified(path));
      }
      TreeMap<String, Path> found = new TreeMap<>();
      var it = fs.listFiles(path, true);
      while (it.hasNext()) {
        FileStatus st = it.next();
        String name = st.getPath().getName().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".json") || name.endsWith(".ndjson") || name.endsWith(".tsv") || name.endsWith(".csv")) {
          found.put(st.getPath().toString(), st.getPath());
        }
      }
      if (found.isEmpty()) {
        throw new IllegalArgumentException("no terminology files (.json, .ndjson, .tsv, .csv) under " + p);
      }
      return new ArrayList<>(found.values());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + p, e);
    }
  }

  private byte[] read(Path file) {
    try (InputStream in = file.getFileSystem(lh.spark().sparkContext().hadoopConfiguration()).open(file)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static String hash(byte[] bytes, String salt) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(bytes);
      if (salt != null) {
        sha.update(("\n" + salt).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
