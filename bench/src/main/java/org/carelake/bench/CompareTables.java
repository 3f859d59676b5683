package org.carelake.bench;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.storage.StorageLevel;
import scala.Function1;

/**
 * Row-for-row comparison of two sets of tables: Carelake's silver tables (Delta, {@code <lakehouse>/silver/<name>})
 * against another engine's output of the same SQL-on-FHIR ViewDefinitions (Parquet, {@code <out>/<name>}, as written
 * by the peer's {@code PathlingViews}). Used by {@code bench/views-vs-pathling.sh}.
 *
 * <pre>
 *   CompareTables LEFT_DIR RIGHT_DIR [--examples N] [--tables NAME,...] [--ignore [TABLE.]COLUMN,...]
 *                 [--empty-array-as-null]
 * </pre>
 *
 * <p>Each sub-directory of LEFT_DIR and RIGHT_DIR is a table: Delta if it has a {@code _delta_log}, else Parquet.
 * Tables are paired by name (exact, else ignoring case). For each pair, only the columns both sides have are
 * compared; the others (Carelake's lineage columns such as {@code source_system}, {@code person_id},
 * {@code _batch_id}) are listed and ignored, as are the columns named with {@code --ignore} (for columns that differ
 * by design, e.g. references that Carelake resolves after the view). Values are normalised before comparing:
 *
 * <ul>
 *   <li>numbers: integers as {@code bigint}; anything fractional (decimal, double, or a string on the other side)
 *       rounded to 6 places as {@code decimal(38,6)};
 *   <li>dates and times: a timestamp against a string or a date is compared as an instant (the string parsed as
 *       ISO 8601, UTC session time zone); two string columns that both hold ISO dates/date-times are compared with
 *       every value that has a time part turned into its UTC instant, so {@code +00:00} and {@code Z} agree, while
 *       partial dates ({@code 2020}, {@code 2020-05}) stay as they are;
 *   <li>keys: where one side's values look like {@code Type/id} (Pathling's {@code getResourceKey()} and
 *       {@code getReferenceKey()}) and the other side has no value of that form, the {@code Type/} prefix is
 *       stripped from the first side (detected per column from the data, reported);
 *   <li>arrays element by element with the same rules (optionally an empty array equals null:
 *       {@code --empty-array-as-null}); structs and maps as JSON; null equals null.
 * </ul>
 *
 * <p>The comparison is a multiset one: {@code left EXCEPT ALL right} and {@code right EXCEPT ALL left}, whose counts
 * are reported with a few example rows of each. When a compared column is a unique key on both sides (an id), the
 * differing columns are also counted on the rows joined by that key. Output lines:
 *
 * <pre>
 *   compare-table NAME left_rows=N right_rows=N only_left=N only_right=N equal=yes|no
 *   compare-only-left NAME rows=N / compare-only-right NAME rows=N        (a table one side does not have)
 *   compare-error NAME MESSAGE
 *   compare total compared=K equal=K differing=K errors=K left_rows=N right_rows=N
 * </pre>
 *
 * <p>Exit status: 0 when at least one table was compared and every compared table is equal, 1 otherwise, 2 on usage
 * errors. Tables that only one side has are reported but do not fail the comparison.
 */
public final class CompareTables {
  private CompareTables() {}

  /** {@code Type/id}: a FHIR resource type, a slash, then anything without a slash. */
  static final String TYPED_KEY = "^[A-Z][A-Za-z]+/[^/]+$";
  /** An ISO 8601 date, partial date or date-time as FHIR writes them. */
  static final String ISO_DATEISH = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?"
      + "(Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?$";
  static final String HAS_TIME = "T[0-9]{2}:";
  static final DecimalType DEC = DataTypes.createDecimalType(38, 6);

  private static int examples = 5;
  private static boolean emptyArrayAsNull = false;
  /** Columns left out of the comparison: {@code table.column} or {@code column} (in every table). */
  private static final TreeSet<String> ignored = new TreeSet<>();

  public static void main(String[] args) {
    List<String> positional = new ArrayList<>();
    TreeSet<String> only = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--examples" -> examples = Integer.parseInt(need(args, ++i));
        case "--tables" -> only = new TreeSet<>(Arrays.asList(need(args, ++i).split(",")));
        case "--empty-array-as-null" -> emptyArrayAsNull = true;
        case "--ignore" -> ignored.addAll(Arrays.asList(need(args, ++i).split(",")));
        default -> {
          if (args[i].startsWith("--")) {
            usage("unknown option " + args[i]);
          }
          positional.add(args[i]);
        }
      }
    }
    if (positional.size() != 2) {
      usage(null);
    }
    File left = new File(positional.get(0));
    File right = new File(positional.get(1));
    if (!left.isDirectory() || !right.isDirectory()) {
      usage("not a directory: " + (left.isDirectory() ? right : left));
    }
    Map<String, File> lt = tables(left);
    Map<String, File> rt = tables(right);
    if (only != null) {
      TreeSet<String> keep = only;
      lt.keySet().removeIf(k -> !keep.contains(k));
      rt.keySet().removeIf(k -> !keep.contains(k));
    }

    SparkSession spark = SparkSession.builder().master(System.getProperty("spark.master", "local[*]"))
        .appName("compare-tables")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        // Many small tables: the default 50-way Delta log replay per table and the whole-stage code generation of
        // wide rows cost far more than the data.
        .config("spark.databricks.delta.snapshotPartitions", "2")
        .config("spark.sql.codegen.wholeStage", System.getProperty("compare.wholeStage", "false"))
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");

    int compared = 0;
    int equal = 0;
    int errors = 0;
    long leftRows = 0;
    long rightRows = 0;
    Map<String, String> rightByLower = new TreeMap<>();
    rt.keySet().forEach(k -> rightByLower.putIfAbsent(k.toLowerCase(Locale.ROOT), k));
    TreeSet<String> rightUsed = new TreeSet<>();
    for (Map.Entry<String, File> e : lt.entrySet()) {
      String name = e.getKey();
      String rname = rt.containsKey(name) ? name : rightByLower.get(name.toLowerCase(Locale.ROOT));
      if (rname == null || rightUsed.contains(rname)) {
        report("compare-only-left", name, spark, e.getValue());
        continue;
      }
      rightUsed.add(rname);
      try {
        Result r = compare(spark, name, read(spark, e.getValue()), read(spark, rt.get(rname)));
        compared++;
        leftRows += r.leftRows;
        rightRows += r.rightRows;
        if (r.equal()) {
          equal++;
        }
      } catch (Exception ex) { // Spark's AnalysisException is not a RuntimeException
        errors++;
        System.out.printf(Locale.ROOT, "compare-error %s %s%n", name, oneLine(ex));
      }
    }
    for (String rname : rt.keySet()) {
      if (!rightUsed.contains(rname)) {
        report("compare-only-right", rname, spark, rt.get(rname));
      }
    }
    System.out.printf(Locale.ROOT, "compare total compared=%d equal=%d differing=%d errors=%d left_rows=%d right_rows=%d%n",
        compared, equal, compared - equal, errors, leftRows, rightRows);
    spark.stop();
    System.exit(compared > 0 && equal == compared && errors == 0 ? 0 : 1);
  }

  private record Result(long leftRows, long rightRows, long onlyLeft, long onlyRight) {
    boolean equal() {
      return onlyLeft == 0 && onlyRight == 0;
    }
  }

  /** Compares one pair of tables and prints its report. */
  static Result compare(SparkSession spark, String name, Dataset<Row> left, Dataset<Row> right) {
    // Pair the columns: exact name, else ignoring case.
    Map<String, String> pairs = new LinkedHashMap<>();
    List<String> onlyLeft = new ArrayList<>();
    Map<String, String> rightLower = new LinkedHashMap<>();
    for (String c : right.columns()) {
      rightLower.putIfAbsent(c.toLowerCase(Locale.ROOT), c);
    }
    List<String> skipped = new ArrayList<>();
    for (String c : left.columns()) {
      String rc = Arrays.asList(right.columns()).contains(c) ? c : rightLower.get(c.toLowerCase(Locale.ROOT));
      if (rc != null && (ignored.contains(c) || ignored.contains(name + "." + c))) {
        skipped.add(c);
        continue;
      }
      if (rc != null && !pairs.containsValue(rc)) {
        pairs.put(c, rc);
      } else {
        onlyLeft.add(c);
      }
    }
    List<String> onlyRight = new ArrayList<>();
    for (String c : right.columns()) {
      if (!pairs.containsValue(c) && !skipped.contains(c)) {
        onlyRight.add(c);
      }
    }
    // Statistics that decide the data-dependent normalisations (key prefixes, ISO date-times in strings), and the
    // row counts, in one pass per side.
    Stats ls = Stats.of(left, pairs.keySet());
    Stats rs = Stats.of(right, pairs.values());
    long nl = ls.rows;
    long nr = rs.rows;
    if (pairs.isEmpty()) {
      System.out.printf(Locale.ROOT, "compare-table %s left_rows=%d right_rows=%d only_left=%d only_right=%d equal=no%n",
          name, nl, nr, nl, nr);
      System.out.println("  no column in common");
      return new Result(nl, nr, nl, nr);
    }


    List<Column> lcols = new ArrayList<>();
    List<Column> rcols = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Map.Entry<String, String> p : pairs.entrySet()) {
      String lc = p.getKey();
      String rc = p.getValue();
      Norm n = new Norm(lc, notes);
      n.stripLeft = ls.typedKeys(lc) > 0 && rs.typedKeys(rc) == 0 && rs.nonNull(rc) > 0;
      n.stripRight = rs.typedKeys(rc) > 0 && ls.typedKeys(lc) == 0 && ls.nonNull(lc) > 0;
      n.instants = ls.dateish(lc) == ls.nonNull(lc) && rs.dateish(rc) == rs.nonNull(rc)
          && ls.withTime(lc) + rs.withTime(rc) > 0;
      if (n.stripLeft) {
        notes.add(lc + ": 'Type/' prefix stripped on the left (" + ls.typedKeys(lc) + " of " + ls.nonNull(lc)
            + " values)");
      }
      if (n.stripRight) {
        notes.add(lc + ": 'Type/' prefix stripped on the right (" + rs.typedKeys(rc) + " of " + rs.nonNull(rc)
            + " values)");
      }
      Column[] both = n.pair(left.col(quote(lc)), fieldType(left, lc), right.col(quote(rc)), fieldType(right, rc));
      lcols.add(both[0].as(lc));
      rcols.add(both[1].as(lc));
    }
    Dataset<Row> l = left.select(lcols.toArray(new Column[0]));
    Dataset<Row> r = right.select(rcols.toArray(new Column[0]));
    Dataset<Row> dl = l.exceptAll(r).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> dr = r.exceptAll(l).persist(StorageLevel.MEMORY_AND_DISK());
    long ol = dl.count();
    long or = dr.count();
    System.out.printf(Locale.ROOT, "compare-table %s left_rows=%d right_rows=%d only_left=%d only_right=%d equal=%s%n",
        name, nl, nr, ol, or, ol == 0 && or == 0 ? "yes" : "no");
    System.out.println("  compared: " + String.join(", ", pairs.keySet()));
    if (!onlyLeft.isEmpty()) {
      System.out.println("  only left (ignored): " + String.join(", ", onlyLeft));
    }
    if (!onlyRight.isEmpty()) {
      System.out.println("  only right (ignored): " + String.join(", ", onlyRight));
    }
    if (!skipped.isEmpty()) {
      System.out.println("  ignored (--ignore): " + String.join(", ", skipped));
    }
    for (String note : notes) {
      System.out.println("  normalised " + note);
    }
    if ((ol > 0 || or > 0) && !columnMismatches(l, r, nl, nr, pairs.keySet())) {
      printExamples("only-left", dl);
      printExamples("only-right", dr);
    }
    dl.unpersist();
    dr.unpersist();
    return new Result(nl, nr, ol, or);
  }

  /**
   * If a compared column is a unique key on both sides (an id), joins the two sides on it and reports, per column,
   * how many joined rows differ, with a few examples of each. Returns false when there is no such key.
   */
  private static boolean columnMismatches(Dataset<Row> l, Dataset<Row> r, long nl, long nr,
      java.util.Collection<String> cols) {
    List<String> candidates = new ArrayList<>();
    for (String c : cols) {
      String lc = c.toLowerCase(Locale.ROOT);
      if (lc.equals("id") || lc.equals("source_id") || lc.equals("resource_id") || lc.equals("source_patient_id")) {
        candidates.add(0, c);
      } else if (lc.endsWith("_id") || lc.endsWith("id")) {
        candidates.add(c);
      }
    }
    for (String key : candidates) {
      Column k = functions.col(quote(key));
      Row ul = l.agg(functions.count(k), functions.count_distinct(k)).first();
      Row ur = r.agg(functions.count(k), functions.count_distinct(k)).first();
      if (ul.getLong(0) == 0 || ul.getLong(0) != ul.getLong(1) || ur.getLong(0) != ur.getLong(1)
          || ul.getLong(0) != nl || ur.getLong(0) != nr) {
        continue;
      }
      Column ak = functions.col("a." + quote(key));
      Column bk = functions.col("b." + quote(key));
      Dataset<Row> j = l.as("a").join(r.as("b"), ak.equalTo(bk), "full_outer").persist(StorageLevel.MEMORY_AND_DISK());
      Column both = ak.isNotNull().and(bk.isNotNull());
      List<Column> aggs = new ArrayList<>();
      aggs.add(functions.count(functions.when(bk.isNull(), 1)));
      List<String> others = new ArrayList<>();
      for (String c : cols) {
        if (!c.equals(key)) {
          others.add(c);
          aggs.add(functions.count(functions.when(both.and(functions.not(
              functions.col("a." + quote(c)).eqNullSafe(functions.col("b." + quote(c))))), 1)));
        }
      }
      Row m = j.agg(functions.count(functions.when(ak.isNull(), 1)), aggs.toArray(new Column[0])).first();
      StringBuilder sb = new StringBuilder("  joined on ").append(key).append(": ")
          .append(m.getLong(1)).append(" key(s) only left, ").append(m.getLong(0)).append(" only right; differing:");
      List<String> differing = new ArrayList<>();
      for (int i = 0; i < others.size(); i++) {
        long d = m.getLong(i + 2);
        if (d > 0) {
          sb.append(' ').append(others.get(i)).append('=').append(d);
          differing.add(others.get(i));
        }
      }
      System.out.println(differing.isEmpty() ? sb.append(" none (the rows differ in multiplicity)") : sb);
      int shown = 0;
      for (String c : differing) {
        if (shown++ == 8 || examples <= 0) {
          break;
        }
        Column a = functions.col("a." + quote(c));
        Column b = functions.col("b." + quote(c));
        List<Row> ex = j.where(both.and(functions.not(a.eqNullSafe(b))))
            .select(ak.cast(DataTypes.StringType).as("_k"), text(a), text(b)).orderBy("_k")
            .limit(Math.min(examples, 3)).collectAsList();
        for (Row e : ex) {
          System.out.println("    " + c + " at " + key + "=" + e.getString(0) + ": left " + e.getString(1)
              + " | right " + e.getString(2));
        }
      }
      j.unpersist();
      return true;
    }
    return false;
  }

  /** A value as short text for an example line: JSON for complex values, null as null. */
  private static Column text(Column c) {
    return functions.coalesce(functions.when(c.isNotNull(), functions.to_json(functions.array(c))), functions.lit("null"));
  }

  private static void printExamples(String side, Dataset<Row> diff) {
    if (examples <= 0) {
      return;
    }
    List<Column> order = new ArrayList<>();
    for (String c : diff.columns()) {
      order.add(functions.col(quote(c)).asc_nulls_first());
    }
    List<Column> all = new ArrayList<>();
    for (String c : diff.columns()) {
      all.add(functions.col(quote(c)));
    }
    Column json = functions.to_json(functions.struct(all.toArray(new Column[0])),
        Map.of("ignoreNullFields", "false"));
    for (Row row : diff.orderBy(order.toArray(new Column[0])).limit(examples).select(json).collectAsList()) {
      String line = row.getString(0);
      line = line.length() > 1000 ? line.substring(0, 1000) + "..." : line;
      System.out.println("  " + side + ": " + line);
    }
  }

  /** Normalisation of one column pair: both sides to one comparable type. */
  private static final class Norm {
    final String name;
    final List<String> notes;
    boolean stripLeft;
    boolean stripRight;
    boolean instants;
    private final TreeSet<String> said = new TreeSet<>();

    Norm(String name, List<String> notes) {
      this.name = name;
      this.notes = notes;
    }

    private void note(String what) {
      if (said.add(what)) {
        notes.add(name + ": " + what);
      }
    }

    Column[] pair(Column l, DataType lt, Column r, DataType rt) {
      if (lt instanceof ArrayType la && rt instanceof ArrayType ra) {
        Column[] inner = new Column[2];
        // Element-wise: the element normalisation is built once per side from a lambda variable.
        Column le = functions.transform(l, (Function1<Column, Column>) x -> pair(x, la.elementType(), x,
            ra.elementType())[0]);
        Column re = functions.transform(r, (Function1<Column, Column>) x -> pair(x, la.elementType(), x,
            ra.elementType())[1]);
        if (emptyArrayAsNull) {
          le = functions.when(functions.size(le).gt(0), le);
          re = functions.when(functions.size(re).gt(0), re);
        }
        inner[0] = le;
        inner[1] = re;
        return inner;
      }
      if (lt instanceof ArrayType || rt instanceof ArrayType) {
        note("array on one side only (" + lt.simpleString() + " vs " + rt.simpleString() + "): compared as JSON");
        return new Column[] {json(l, lt), json(r, rt)};
      }
      if (isComplex(lt) || isComplex(rt)) {
        if (!lt.equals(rt)) {
          note("compared as JSON (" + lt.simpleString() + " vs " + rt.simpleString() + ")");
        }
        return new Column[] {json(l, lt), json(r, rt)};
      }
      if (lt instanceof StringType && rt instanceof StringType) {
        Column a = stripLeft ? strip(l) : l;
        Column b = stripRight ? strip(r) : r;
        if (instants) {
          note("ISO date-times compared as UTC instants (partial dates as strings)");
          return new Column[] {instant(a), instant(b)};
        }
        return new Column[] {a, b};
      }
      if (isFractional(lt) || isFractional(rt)) {
        if (isNumberish(lt) && isNumberish(rt)) {
          if (!lt.equals(rt) || !(lt instanceof DecimalType d && d.scale() <= 6)) {
            note("numbers rounded to 6 decimals (" + lt.simpleString() + " vs " + rt.simpleString() + ")");
          }
          return new Column[] {dec(l, lt), dec(r, rt)};
        }
      }
      if (lt instanceof IntegralType && rt instanceof IntegralType) {
        return new Column[] {l.cast(DataTypes.LongType), r.cast(DataTypes.LongType)};
      }
      if (isNumberish(lt) && isNumberish(rt)) { // integral against a string
        note("numbers compared as decimal(38,6) (" + lt.simpleString() + " vs " + rt.simpleString() + ")");
        return new Column[] {dec(l, lt), dec(r, rt)};
      }
      if (isTime(lt) || isTime(rt)) {
        if ((isTime(lt) || lt instanceof StringType) && (isTime(rt) || rt instanceof StringType)) {
          if (!lt.equals(rt)) {
            note("compared as instants (" + lt.simpleString() + " vs " + rt.simpleString() + ")");
          }
          return new Column[] {ts(l, lt), ts(r, rt)};
        }
      }
      if (lt instanceof DateType && rt instanceof StringType || lt instanceof StringType && rt instanceof DateType) {
        note("compared as dates (" + lt.simpleString() + " vs " + rt.simpleString() + ")");
        return new Column[] {l.try_cast(DataTypes.DateType), r.try_cast(DataTypes.DateType)};
      }
      if (lt instanceof BooleanType && rt instanceof StringType || lt instanceof StringType && rt instanceof BooleanType) {
        note("compared as booleans (" + lt.simpleString() + " vs " + rt.simpleString() + ")");
        return new Column[] {l.try_cast(DataTypes.BooleanType), r.try_cast(DataTypes.BooleanType)};
      }
      if (lt.equals(rt)) {
        return new Column[] {l, r};
      }
      note("compared as strings (" + lt.simpleString() + " vs " + rt.simpleString() + ")");
      return new Column[] {l.cast(DataTypes.StringType), r.cast(DataTypes.StringType)};
    }
  }

  private static boolean isComplex(DataType t) {
    return t instanceof StructType || t instanceof MapType;
  }

  private static boolean isFractional(DataType t) {
    return t instanceof DecimalType || t instanceof DoubleType || t instanceof FloatType;
  }

  private static boolean isNumberish(DataType t) {
    return t instanceof NumericType || t instanceof StringType;
  }

  private static boolean isTime(DataType t) {
    return t instanceof TimestampType || t instanceof TimestampNTZType;
  }

  private static Column dec(Column c, DataType t) {
    if (t instanceof StringType) {
      return c.try_cast(DataTypes.createDecimalType(38, 12)).cast(DEC);
    }
    return functions.round(c, 6).cast(DEC);
  }

  private static Column ts(Column c, DataType t) {
    if (t instanceof StringType) {
      return c.try_cast(DataTypes.TimestampType);
    }
    return c.cast(DataTypes.TimestampType);
  }

  private static Column strip(Column c) {
    return functions.regexp_replace(c, functions.lit("^[A-Z][A-Za-z]+/(?=[^/]+$)"), functions.lit(""));
  }

  /** A value with a time part becomes its UTC instant in one format; dates and partial dates stay. */
  private static Column instant(Column c) {
    return functions.when(c.rlike(HAS_TIME), functions.date_format(c.try_cast(DataTypes.TimestampType),
        "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")).otherwise(c);
  }

  private static Column json(Column c, DataType t) {
    if (t instanceof StructType || t instanceof MapType || t instanceof ArrayType) {
      return functions.to_json(c);
    }
    return c.cast(DataTypes.StringType);
  }

  /** Row count, and per string (or array-of-string) column: non-null values, Type/id keys, ISO dates, with a time. */
  private static final class Stats {
    final Map<String, long[]> counts = new LinkedHashMap<>();
    long rows;

    static Stats of(Dataset<Row> df, java.util.Collection<String> cols) {
      Stats s = new Stats();
      List<Column> aggs = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (String c : cols) {
        DataType t = fieldType(df, c);
        Column col = df.col(quote(c));
        if (t instanceof StringType) {
          aggs.add(functions.count(col));
          aggs.add(countIf(col.rlike(TYPED_KEY)));
          aggs.add(countIf(col.rlike(ISO_DATEISH)));
          aggs.add(countIf(col.rlike(HAS_TIME)));
        } else if (t instanceof ArrayType a && a.elementType() instanceof StringType) {
          aggs.add(countElements(col, null));
          aggs.add(countElements(col, TYPED_KEY));
          aggs.add(countElements(col, ISO_DATEISH));
          aggs.add(countElements(col, HAS_TIME));
        } else {
          continue;
        }
        names.add(c);
      }
      Row r = df.agg(functions.count(functions.lit(1)), aggs.toArray(new Column[0])).first();
      s.rows = r.getLong(0);
      for (int i = 0; i < names.size(); i++) {
        s.counts.put(names.get(i), new long[] {r.getLong(1 + 4 * i), r.getLong(2 + 4 * i), r.getLong(3 + 4 * i),
            r.getLong(4 + 4 * i)});
      }
      return s;
    }

    private static Column countIf(Column condition) {
      return functions.count(functions.when(condition, functions.lit(1)));
    }

    /** Sum over rows of the number of non-null array elements (matching {@code regex}, if given). */
    private static Column countElements(Column values, String regex) {
      Column kept = functions.filter(values, (Function1<Column, Column>) x ->
          regex == null ? x.isNotNull() : x.isNotNull().and(x.rlike(regex)));
      return functions.coalesce(functions.sum(functions.coalesce(functions.size(kept), functions.lit(0))
          .cast(DataTypes.LongType)), functions.lit(0L));
    }

    private long get(String c, int i) {
      long[] v = counts.get(c);
      return v == null ? 0 : v[i];
    }

    long nonNull(String c) {
      return get(c, 0);
    }

    long typedKeys(String c) {
      return get(c, 1);
    }

    long dateish(String c) {
      return counts.containsKey(c) ? get(c, 2) : -1;
    }

    long withTime(String c) {
      return get(c, 3);
    }
  }

  private static DataType fieldType(Dataset<Row> df, String c) {
    for (StructField f : df.schema().fields()) {
      if (f.name().equals(c)) {
        return f.dataType();
      }
    }
    throw new IllegalArgumentException("no column " + c);
  }

  /** Sub-directories that are tables: Delta (a _delta_log) or Parquet (any .parquet file inside). */
  static Map<String, File> tables(File dir) {
    Map<String, File> out = new TreeMap<>();
    File[] subs = dir.listFiles(File::isDirectory);
    if (subs == null) {
      return out;
    }
    for (File d : subs) {
      if (d.getName().startsWith("_") || d.getName().startsWith(".")) {
        continue;
      }
      if (new File(d, "_delta_log").isDirectory() || hasParquet(d)) {
        out.put(d.getName(), d);
      }
    }
    return out;
  }

  private static boolean hasParquet(File d) {
    File[] fs = d.listFiles();
    if (fs == null) {
      return false;
    }
    for (File f : fs) {
      if (f.isFile() && f.getName().endsWith(".parquet") || f.isDirectory() && !f.getName().startsWith("_")
          && hasParquet(f)) {
        return true;
      }
    }
    return false;
  }

  private static Dataset<Row> read(SparkSession spark, File d) {
    String path = d.getAbsolutePath();
    return new File(d, "_delta_log").isDirectory()
        ? spark.read().format("delta").load(path)
        : spark.read().parquet(path);
  }

  private static void report(String what, String name, SparkSession spark, File d) {
    String rows;
    try {
      rows = String.valueOf(read(spark, d).count());
    } catch (Exception e) {
      rows = "? (" + oneLine(e) + ")";
    }
    System.out.printf(Locale.ROOT, "%s %s rows=%s%n", what, name, rows);
  }

  private static String quote(String c) {
    return "`" + c.replace("`", "``") + "`";
  }

  private static String oneLine(Throwable e) {
    String m = e.getClass().getSimpleName() + ": " + e.getMessage();
    m = m.replaceAll("\\s+", " ");
    return m.length() > 400 ? m.substring(0, 400) + "..." : m;
  }

  private static String need(String[] args, int i) {
    if (i >= args.length) {
      usage("option " + args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static void usage(String problem) {
    if (problem != null) {
      System.err.println("CompareTables: " + problem);
    }
    System.err.println("usage: CompareTables LEFT_DIR RIGHT_DIR [--examples N] [--tables NAME,...] "
        + "[--ignore [TABLE.]COLUMN,...] [--empty-array-as-null]");
    System.exit(2);
  }
}
