package peerbench;

import au.csiro.pathling.library.PathlingContext;
import au.csiro.pathling.library.io.source.QueryableDataSource;
import au.csiro.pathling.views.FhirView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * The peer side of Carelake's SQL-on-FHIR views benchmark (bench/views-vs-pathling.sh): Pathling 9.4.0 runs the same
 * ViewDefinition JSON files that build Carelake's silver tables, on the same data, and writes each result as Parquet
 * so that {@code org.carelake.bench.CompareTables} can check the two row for row.
 *
 * <pre>
 *   PathlingViews INPUT VIEWS_DIR OUT_DIR [--from ndjson|delta] [--measure-read] [--cache]
 *                 [--nested-pruning auto|on|off] [--spark-defaults]
 * </pre>
 *
 * <ul>
 *   <li>INPUT: an NDJSON bulk-export directory ({@code --from ndjson}, the default; file names
 *       {@code Type.ndjson}, {@code Type.000.ndjson}, {@code Type.<anything>.ndjson}: the resource type is the part of
 *       the name before the first dot) or a Delta directory written by {@code PathlingIngest} ({@code --from delta}).
 *   <li>VIEWS_DIR: ViewDefinition JSON files ({@code *.json}, searched recursively, in path order). Files that share a
 *       ViewDefinition {@code name} are unioned into one output table with that name (a file without a name uses its
 *       file name).
 *   <li>OUT_DIR: one Parquet directory per view name, {@code OUT_DIR/<name>/}, overwritten (the first file of a name
 *       overwrites, the next ones append).
 * </ul>
 *
 * <p>Output lines (the rest is Spark's logging on stderr):
 *
 * <pre>
 *   pathling session: S s
 *   pathling-views source=ndjson|delta source_seconds=S              (building the data source; reading is lazy)
 *   pathling-read TYPE rows=N seconds=S                              (only with --measure-read)
 *   pathling-read total_seconds=S rows=N                             (only with --measure-read)
 *   pathling-view FILE rows=N seconds=S [(no TYPE in the input)]     (one per view file; FILE relative to VIEWS_DIR)
 *   pathling-view-skip FILE REASON                                   (a JSON file that is not a ViewDefinition)
 *   pathling-view-retry FILE MESSAGE                                 (see --nested-pruning)
 *   pathling-view-error FILE MESSAGE                                 (a view Pathling rejects or fails on)
 *   pathling-views total_seconds=S rows=N views=K errors=E tables=T skipped=K
 * </pre>
 *
 * <p>Each view's seconds cover its whole evaluation: reading and encoding its resource type from the input (Pathling
 * evaluates lazily and caches nothing unless {@code --cache}), the view's projection, and the Parquet write.
 * {@code --measure-read} first materialises every resource type the views use, without a view (Spark's {@code noop}
 * sink, so every column is encoded), and reports that time separately: the read-and-encode share of the views' time.
 * It is not included in {@code total_seconds}. {@code --cache} caches the source (every view then reads the
 * encoded data from memory after the first use of its type); it is off by default.
 *
 * <p>The session gets the settings Carelake's own session uses (shuffle and Delta snapshot partitions
 * {@code max(4, 2 x cores)}, time zone UTC) so that both sides run with the same engine tuning; {@code --spark-defaults}
 * leaves Spark's defaults (200 shuffle partitions, 50-task Delta log replay, the JVM's time zone).
 *
 * <p>A view over a resource type the input has no data for would fail in Pathling ("No data found for resource
 * type"); it is run over an empty dataset of that type instead, giving an empty table with the view's columns.
 *
 * <p>{@code --nested-pruning}: Pathling 9.4.0 views that select two fields of one singular element (e.g.
 * {@code period.start} and {@code period.end}, or {@code value.ofType(Quantity).value} and {@code .code}) fail to
 * write with Spark's "The length of provided names doesn't match the length of output attributes" (Spark's nested
 * column pruning through the view's {@code inline} generator leaves an extra column in the optimised plan; the same
 * on Spark 4.0.2, the version Pathling 9.4.0 is built on). {@code auto} (the default) runs each view with Spark's
 * defaults and, on that error only, once more with {@code spark.sql.optimizer.nestedSchemaPruning.enabled=false};
 * {@code off} runs every view without nested schema pruning; {@code on} never retries (the views fail).
 */
public final class PathlingViews {
  private PathlingViews() {}

  private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z]+");

  /** One view file, parsed. */
  private record ViewFile(String label, Path path, String json, FhirView view, String name) {}

  public static void main(String[] args) throws IOException {
    String from = "ndjson";
    boolean measureRead = false;
    boolean cache = false;
    boolean tuned = true;
    String pruning = "auto";
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--from" -> {
          if (i + 1 >= args.length) {
            usage("--from needs a value");
          }
          from = args[++i];
        }
        case "--measure-read" -> measureRead = true;
        case "--cache" -> cache = true;
        case "--spark-defaults" -> tuned = false;
        case "--nested-pruning" -> {
          if (i + 1 >= args.length || !List.of("auto", "on", "off").contains(args[i + 1])) {
            usage("--nested-pruning needs auto, on or off");
          }
          pruning = args[++i];
        }
        default -> {
          if (args[i].startsWith("--")) {
            usage("unknown option " + args[i]);
          }
          positional.add(args[i]);
        }
      }
    }
    if (positional.size() != 3 || !(from.equals("ndjson") || from.equals("delta"))) {
      usage(null);
    }
    Path input = Path.of(positional.get(0)).toAbsolutePath();
    Path viewsDir = Path.of(positional.get(1)).toAbsolutePath();
    Path outDir = Path.of(positional.get(2)).toAbsolutePath();
    if (!Files.isDirectory(input)) {
      usage("INPUT is not a directory: " + input);
    }
    if (!Files.isDirectory(viewsDir)) {
      usage("VIEWS_DIR is not a directory: " + viewsDir);
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(viewsDir)) {
      files = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    if (files.isEmpty()) {
      usage("no *.json files in " + viewsDir);
    }
    Files.createDirectories(outDir);

    long t0 = System.nanoTime();
    SparkSession spark = PathlingIngest.session("pathling-views");
    String tuning = "Spark defaults";
    if (tuned) {
      // The settings Carelake's own session uses (core SparkSessions): without them every first read of a Delta
      // table replays its log in 50 tasks, which on a small machine costs more than the view (measured on 300
      // patients: --from delta 122 s -> 61 s).
      String parts = String.valueOf(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
      spark.conf().set("spark.sql.shuffle.partitions", parts);
      spark.conf().set("spark.databricks.delta.snapshotPartitions", parts);
      spark.conf().set("spark.sql.session.timeZone", "UTC");
      tuning = "shuffle and Delta snapshot partitions " + parts + ", session time zone UTC";
    }
    PathlingContext pc = PathlingContext.create(spark);
    long t1 = System.nanoTime();
    System.out.printf(Locale.ROOT, "pathling version: Pathling %s, Spark %s, Java %s; %s%n", pc.getVersion(),
        spark.version(), System.getProperty("java.version"), tuning);
    System.out.printf(Locale.ROOT, "pathling session: %.2f s%n", (t1 - t0) / 1e9);

    // Parse every file first (untimed, cheap): the names decide which outputs are unioned.
    List<ViewFile> views = new ArrayList<>();
    int errors = 0;
    int skipped = 0;
    for (Path f : files) {
      String label = viewsDir.relativize(f).toString();
      try {
        String json = Files.readString(f, StandardCharsets.UTF_8);
        String notView = notAViewDefinition(json);
        if (notView != null) {
          // e.g. Carelake's views/silver/LOOKUPS.json: configuration beside the views, not a view.
          System.out.printf(Locale.ROOT, "pathling-view-skip %s not a ViewDefinition (%s)%n", label, notView);
          skipped++;
          continue;
        }
        FhirView view = pc.getGson().fromJson(json, FhirView.class);
        if (view == null) {
          throw new IllegalArgumentException("empty file");
        }
        String name = view.getName();
        if (name == null || name.isBlank()) {
          String base = f.getFileName().toString();
          name = base.substring(0, base.length() - ".json".length());
        }
        if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
          throw new IllegalArgumentException("view name '" + name + "' is not usable as a table directory name");
        }
        views.add(new ViewFile(label, f, json, view, name));
      } catch (Exception | StackOverflowError e) {
        error(label, e);
        errors++;
      }
    }

    long s0 = System.nanoTime();
    QueryableDataSource data = switch (from) {
      case "ndjson" -> pc.read().ndjson(input.toString(), "ndjson", PathlingViews::typeOfFile);
      case "delta" -> pc.read().delta(input.toString());
      default -> throw new IllegalStateException(from);
    };
    if (cache) {
      data = (QueryableDataSource) data.cache();
    }
    long s1 = System.nanoTime();
    System.out.printf(Locale.ROOT, "pathling-views source=%s source_seconds=%.2f types=%s%s%n", from, (s1 - s0) / 1e9,
        String.join(",", new TreeSet<>(data.getResourceTypes())), cache ? " cache=on" : "");

    if (measureRead) {
      measureRead(data, views);
    }

    // The views, in file order; the first file of each name overwrites OUT_DIR/<name>, later ones append.
    Map<String, StructType> written = new LinkedHashMap<>();
    Map<String, QueryableDataSource> empty = new LinkedHashMap<>();
    long total = 0;
    long v0 = System.nanoTime();
    for (ViewFile v : views) {
      long a = System.nanoTime();
      try {
        String type = v.view().getResource();
        boolean absent = type != null && !data.getResourceTypes().contains(type) && pc.isResourceTypeSupported(type);
        // A type the input has no file for: Pathling fails ("No data found for resource type"); the view's answer is
        // no rows, so it runs over an empty dataset of that type and writes an empty table with the view's columns.
        Dataset<Row> result = (absent ? empty.computeIfAbsent(type, t -> emptySource(spark, pc, t)) : data)
            .view(v.view()).execute();
        StructType first = written.get(v.name());
        if (first != null && !sameColumns(first, result.schema())) {
          throw new IllegalArgumentException("its columns " + result.schema().simpleString()
              + " differ from those of the earlier view(s) named '" + v.name() + "': " + first.simpleString());
        }
        long n;
        try {
          n = write(spark, result, outDir.resolve(v.name()), first == null, pruning.equals("off"));
        } catch (Exception e) {
          if (!pruning.equals("auto") || !isPruningBug(e)) {
            throw e;
          }
          // Spark's nested-column pruning through Generate (GeneratorNestedColumnAliasing) leaves an extra
          // attribute in the optimised plan of some Pathling views (two fields of one singular struct, such as
          // period.start and period.end), and the write fails in planning. Same on Spark 4.0.2, Pathling 9.4.0's own
          // Spark. The view is run again with nested schema pruning off, for this view only.
          System.out.printf(Locale.ROOT, "pathling-view-retry %s nested schema pruning off (%s)%n", v.label(),
              message(e));
          n = write(spark, result, outDir.resolve(v.name()), first == null, true);
        }
        if (first == null) {
          written.put(v.name(), result.schema());
        }
        total += n;
        System.out.printf(Locale.ROOT, "pathling-view %s rows=%d seconds=%.2f%s%n", v.label(), n,
            (System.nanoTime() - a) / 1e9, absent ? " (no " + type + " in the input)" : "");
      } catch (Exception | StackOverflowError e) {
        error(v.label(), e);
        errors++;
        if (!written.containsKey(v.name())) {
          deleteTree(outDir.resolve(v.name())); // no half-written or stale table under this name
        }
      }
    }
    long v1 = System.nanoTime();
    System.out.printf(Locale.ROOT, "pathling-views total_seconds=%.2f rows=%d views=%d errors=%d tables=%d skipped=%d%n",
        (v1 - v0) / 1e9, total, files.size() - skipped, errors, written.size(), skipped);
    spark.stop();
  }

  /** Writes one view's result as Parquet and returns its row count (observed during the write: no second pass). */
  private static long write(SparkSession spark, Dataset<Row> result, Path out, boolean overwrite, boolean noPruning) {
    String key = "spark.sql.optimizer.nestedSchemaPruning.enabled";
    String before = spark.conf().get(key);
    if (noPruning) {
      spark.conf().set(key, "false");
    }
    try {
      Observation rows = new Observation();
      result.observe(rows, functions.count(functions.lit(1)).as("n"))
          .write()
          .mode(overwrite ? SaveMode.Overwrite : SaveMode.Append)
          .parquet(out.toString());
      return ((Number) rows.getAsJava().get("n")).longValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      spark.conf().set(key, before);
    }
  }

  private static boolean isPruningBug(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof AssertionError && String.valueOf(c.getMessage()).contains("length of provided names")) {
        return true;
      }
    }
    return false;
  }

  /** Reads and encodes each resource type the views use, in full, without a view: Pathling's cost of getting there. */
  private static void measureRead(QueryableDataSource data, List<ViewFile> views) {
    Set<String> types = new TreeSet<>();
    for (ViewFile v : views) {
      if (v.view().getResource() != null && data.getResourceTypes().contains(v.view().getResource())) {
        types.add(v.view().getResource());
      }
    }
    long total = 0;
    long r0 = System.nanoTime();
    for (String type : types) {
      long a = System.nanoTime();
      try {
        Observation rows = new Observation("read-" + type);
        data.read(type).observe(rows, functions.count(functions.lit(1)).as("n"))
            .write().format("noop").mode(SaveMode.Overwrite).save();
        long n = ((Number) rows.getAsJava().get("n")).longValue();
        total += n;
        System.out.printf(Locale.ROOT, "pathling-read %s rows=%d seconds=%.2f%n", type, n,
            (System.nanoTime() - a) / 1e9);
      } catch (Exception e) {
        System.out.printf(Locale.ROOT, "pathling-read-error %s %s%n", type, message(e));
      }
    }
    System.out.printf(Locale.ROOT, "pathling-read total_seconds=%.2f rows=%d%n", (System.nanoTime() - r0) / 1e9,
        total);
  }

  /**
   * Resource type of an input file: the name up to its first dot ({@code Observation.000.ndjson},
   * {@code Location.1795695830245.ndjson}). Pathling hands the mapper the base name (extension removed, and a
   * single {@code .qualifier} removed); this takes the part before the first dot of whatever it gets. Names that are
   * not a resource type are dropped by Pathling itself.
   */
  static Set<String> typeOfFile(String baseName) {
    int dot = baseName.indexOf('.');
    String type = dot < 0 ? baseName : baseName.substring(0, dot);
    return TYPE_NAME.matcher(type).matches() ? Set.of(type) : Set.of();
  }

  /** Why a JSON file is not a ViewDefinition, or null if it is one (or might be: Pathling then judges it). */
  static String notAViewDefinition(String json) {
    com.google.gson.JsonElement e;
    try {
      e = com.google.gson.JsonParser.parseString(json);
    } catch (RuntimeException ex) {
      return null; // malformed: let Pathling's parser report it as an error
    }
    if (!e.isJsonObject()) {
      return "top level is not an object";
    }
    com.google.gson.JsonObject o = e.getAsJsonObject();
    if (o.has("resourceType")) {
      String rt = o.get("resourceType").isJsonPrimitive() ? o.get("resourceType").getAsString() : "?";
      return rt.equals("ViewDefinition") ? null : "resourceType " + rt;
    }
    return o.has("resource") && o.has("select") ? null : "no resourceType, resource or select";
  }

  /** A source holding zero resources of {@code type}, encoded with Pathling's schema for it. */
  private static QueryableDataSource emptySource(SparkSession spark, PathlingContext pc, String type) {
    Dataset<Row> none = spark.createDataFrame(List.of(),
        new StructType().add("value", org.apache.spark.sql.types.DataTypes.StringType));
    return pc.read().datasets().dataset(type, pc.encode(none, type));
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("PathlingViews: could not delete " + dir + ": " + e);
    }
  }

  private static boolean sameColumns(StructType a, StructType b) {
    return a.length() == b.length() && a.simpleString().equals(b.simpleString());
  }

  private static void error(String label, Throwable e) {
    System.out.printf(Locale.ROOT, "pathling-view-error %s %s%n", label, message(e));
    if (System.getenv("PEER_DEBUG") != null) {
      e.printStackTrace();
    }
  }

  /** The exception's message, and its innermost cause's if that differs, on one line, bounded. */
  static String message(Throwable e) {
    Throwable inner = e;
    for (Throwable c = e.getCause(); c != null && c != inner; c = c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        inner = c;
      }
    }
    String text = e.getClass().getSimpleName() + ": " + (e.getMessage() == null ? "" : e.getMessage());
    if (inner != e && !text.contains(String.valueOf(inner.getMessage()))) {
      text += " <- " + inner.getClass().getSimpleName() + ": " + inner.getMessage();
    }
    text = text.replaceAll("\\s+", " ").trim();
    return text.length() > 500 ? text.substring(0, 500) + "..." : text;
  }

  private static void usage(String problem) {
    if (problem != null) {
      System.err.println("PathlingViews: " + problem);
    }
    System.err.println("usage: PathlingViews INPUT VIEWS_DIR OUT_DIR [--from ndjson|delta] [--measure-read] [--cache]"
        + " [--nested-pruning auto|on|off] [--spark-defaults]");
    System.exit(2);
  }
}
