package org.carelake.marts.deid;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.encode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unhex;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.TableName;
import org.carelake.marts.ClasspathText;
import org.carelake.marts.deid.DeidPolicy.Rule;

/**
 * Writes {@code deid.<table>} for every column policy under {@code deid/} whose source exists: HIPAA Safe Harbor
 * (45 CFR 164.514(b)(2)) de-identified copies of the analyst-facing silver and gold tables. Only the listed columns
 * survive; dates keep their year only; birth years of people aged 90 or more are removed and their age is 90; ZIP
 * codes keep their first three digits, or 000 for the sparsely populated prefixes; person and record ids become
 * HMAC-SHA256 pseudonyms under the custodian's secret (computed in Spark SQL, no UDF, so it runs on any cluster).
 */
public final class DeidBuild {
  public static final Layer LAYER = Layer.DEID;
  /** Column names that say "identifier or free text": a policy that lets one through is refused, whatever rule. */
  static final Pattern IDENTIFYING_NAME = Pattern.compile("(^|_)(name|names|given|family|prefix|suffix|postal|zip|line|"
      + "line2|city|district|street|phone|telecom|email|fax|mrn|ssn|passport|license|url|text|note|notes|string|"
      + "latitude|longitude|lot|birth_date|dob)(_|$)");
  /** Source columns that hold record or person ids: they may only leave as pseudonyms. */
  private static final Set<String> ID_COLUMNS = Set.of("person_id", "source_id", "source_patient_id",
      "encounter_id", "_resource_id", "last_event_id", "medication_id", "specimen_id");
  public static final int AGE_CAP = 90;

  private final Lakehouse lh;
  private final List<DeidPolicy> policies;
  private final DeidSecret secret;
  private final LocalDate asOf;
  private final PrintStream log;
  private final List<String> restrictedZip3;

  public DeidBuild(Lakehouse lh, List<DeidPolicy> policies, DeidSecret secret, LocalDate asOf, PrintStream log) {
    this.lh = lh;
    this.policies = List.copyOf(policies);
    this.secret = secret;
    this.asOf = asOf;
    this.log = log;
    this.restrictedZip3 = restrictedZip3();
  }

  /** The shipped policies. */
  public static DeidBuild shipped(Lakehouse lh, DeidSecret secret, LocalDate asOf, PrintStream log) {
    return new DeidBuild(lh, DeidPolicy.shipped(), secret, asOf, log);
  }

  /** The 3-digit ZIP prefixes written as 000 (deid/restricted-zip3.txt, with its provenance). */
  public static List<String> restrictedZip3() {
    return Arrays.stream(ClasspathText.read(DeidPolicy.DIR + "restricted-zip3.txt").split("\n")).map(String::strip)
        .filter(s -> !s.isEmpty() && !s.startsWith("#")).peek(s -> {
          if (!s.matches("\\d{3}")) {
            throw new IllegalStateException("restricted-zip3.txt: not a 3-digit prefix: " + s);
          }
        }).toList();
  }

  /** The source tables that are missing (their deid tables are skipped). */
  public List<String> missingInputs() {
    return policies.stream().map(DeidPolicy::source).filter(t -> !lh.exists(t)).map(TableName::qualified)
        .distinct().toList();
  }

  /** Builds every table whose source exists; returns deid table -> rows. */
  public Map<String, Long> run() {
    if (secret.demo()) {
      log.println("  deid: using the public demo secret (" + DeidSecret.ALLOW_DEMO + "): for synthetic data only");
    }
    Map<String, Long> rows = new LinkedHashMap<>();
    for (DeidPolicy p : policies) {
      TableName out = TableName.of(LAYER, p.table());
      if (!lh.exists(p.source())) {
        log.printf("  deid.%-24s skipped: %s not built%n", p.table(), p.source().qualified());
        continue;
      }
      long t0 = System.currentTimeMillis();
      lh.overwrite(out, apply(p, lh.table(p.source())));
      long n = lh.table(out).count();
      rows.put(p.table(), n);
      log.printf("  deid.%-24s %,10d rows  %5.1f s%n", p.table(), n, (System.currentTimeMillis() - t0) / 1000.0);
    }
    return rows;
  }

  /** The de-identified rows of one policy over its source rows. */
  public Dataset<Row> apply(DeidPolicy p, Dataset<Row> source) {
    StructType schema = source.schema();
    List<Column> keys = new ArrayList<>();
    List<Column> aggregates = new ArrayList<>();
    for (DeidPolicy.Column c : p.columns()) {
      String where = "deid." + p.table() + "." + c.name();
      // Derived rules (year, birth_year, ...) may read a date of birth; only what is kept as-is must be harmless.
      boolean asIs = c.rule() == Rule.KEEP || c.rule() == Rule.SUM;
      if (IDENTIFYING_NAME.matcher(c.name()).find() || asIs && IDENTIFYING_NAME.matcher(c.from()).find()) {
        throw new IllegalArgumentException(where + ": '" + c.from() + "' looks like an identifier or free text; "
            + "Safe Harbor removes it");
      }
      if (!Arrays.asList(schema.fieldNames()).contains(c.from())) {
        throw new IllegalArgumentException(where + ": " + p.source().qualified() + " has no column " + c.from());
      }
      DataType type = schema.apply(c.from()).dataType();
      Column expr = expression(c, type, where).as(c.name());
      (c.rule().aggregate() ? aggregates : keys).add(expr);
    }
    if (aggregates.isEmpty()) {
      return source.select(keys.toArray(Column[]::new));
    }
    return source.groupBy(keys.toArray(Column[]::new))
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
  }

  private Column expression(DeidPolicy.Column c, DataType type, String where) {
    Column in = col(c.from());
    boolean temporal = type.equals(DataTypes.DateType) || type.equals(DataTypes.TimestampType)
        || type.equals(DataTypes.TimestampNTZType);
    if (c.from().endsWith("_reference")) {
      throw new IllegalArgumentException(where + ": " + c.from() + " is a FHIR reference (it names a record)");
    }
    if (c.rule() != Rule.PSEUDONYM && ID_COLUMNS.contains(c.from())) {
      throw new IllegalArgumentException(where + ": " + c.from() + " is an id: only pseudonym(" + c.from() + ")");
    }
    if (c.rule() == Rule.KEEP && (temporal || containsTemporal(type))) {
      throw new IllegalArgumentException(where + ": " + c.from() + " is a date: use year(" + c.from() + ")");
    }
    return switch (c.rule()) {
      case KEEP -> in;
      case PSEUDONYM -> pseudonym(in.cast(DataTypes.StringType));
      case YEAR -> yearOf(in, type, where);
      case BIRTH_YEAR -> when(age(in, type, where).geq(AGE_CAP), lit(null).cast(DataTypes.IntegerType))
          .otherwise(yearOf(in, type, where));
      case AGE_90 -> least(age(in, type, where), lit(AGE_CAP));
      case ZIP3 -> zip3(in.cast(DataTypes.StringType));
      case SUM -> sum(in);
      case COUNT_TRUE -> sum(when(in, 1L).otherwise(0L));
    };
  }

  /** HMAC-SHA256(secret, value) in lower-case hex, as SQL: H(K^opad || H(K^ipad || m)). */
  Column pseudonym(Column value) {
    byte[][] pads = secret.pads();
    Column inner = sha2(concat(lit(pads[0]), encode(value, "UTF-8")), 256);
    return sha2(concat(lit(pads[1]), unhex(inner)), 256);
  }

  private Column zip3(Column zip) {
    Column prefix = regexp_extract(zip, "^\\s*(\\d{3})\\d{2}(-?\\d{4})?\\s*$", 1);
    return when(prefix.equalTo(""), lit(null).cast(DataTypes.StringType))
        .when(prefix.isin(restrictedZip3.toArray()), lit("000")).otherwise(prefix);
  }

  private Column age(Column birth, DataType type, String where) {
    return floor(months_between(lit(java.sql.Date.valueOf(asOf)), asDate(birth, type, where)).divide(12))
        .cast(DataTypes.IntegerType);
  }

  private static Column yearOf(Column in, DataType type, String where) {
    if (type.equals(DataTypes.StringType)) {
      // FHIR partial dates (2020, 2020-03): the year is the first four digits.
      return regexp_extract(in, "^(\\d{4})", 1).cast(DataTypes.IntegerType);
    }
    return year(asDate(in, type, where));
  }

  private static Column asDate(Column in, DataType type, String where) {
    if (type.equals(DataTypes.DateType)) {
      return in;
    }
    if (type.equals(DataTypes.TimestampType) || type.equals(DataTypes.TimestampNTZType)) {
      return in.cast(DataTypes.DateType);
    }
    if (type.equals(DataTypes.StringType)) {
      return coalesce(in.try_cast(DataTypes.DateType),
          org.apache.spark.sql.functions.to_date(regexp_extract(in, "^(\\d{4})", 1), "yyyy"));
    }
    throw new IllegalArgumentException(where + ": a date rule on a " + type.simpleString() + " column");
  }

  private static boolean containsTemporal(DataType type) {
    if (type instanceof StructType s) {
      for (StructField f : s.fields()) {
        if (f.dataType().equals(DataTypes.DateType) || f.dataType().equals(DataTypes.TimestampType)
            || containsTemporal(f.dataType())) {
          return true;
        }
      }
    }
    if (type instanceof org.apache.spark.sql.types.ArrayType a) {
      return containsTemporal(a.elementType());
    }
    return false;
  }
}
