package org.carelake.dashboard.data;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.core.Lakehouse;
import org.carelake.core.TableName;

/**
 * Patient 360's tables held in the driver's memory by person, so that a page view runs no Spark job: per table and
 * person one compressed byte[] ({@link RowCodec}), decoded on request into the rows the page renders. Built once per
 * snapshot: Spark sorts each table by person and streams it to the driver partition by partition
 * ({@code toLocalIterator}), so the driver never holds a whole table as Rows. Tables are loaded in the given order
 * (the big timeline last) until the byte budget is spent; a table that does not fit, or holds a value the codec does
 * not keep, is left to be read through Spark ({@link #fallbacks}). Immutable once built.
 */
final class PersonStore {
  /** The person column added in front of each row while loading. */
  private static final String KEY = "__carelake_person";
  /** Rows per partition streamed to the driver: one partition is what the driver holds as Rows at a time. */
  private static final long ROWS_PER_PARTITION = 100_000;
  /** What an entry costs besides its bytes and key characters: map node, table slot, String and array headers. */
  private static final long ENTRY_OVERHEAD = 88;

  private final Map<TableName, Held> held;
  private final List<PersonTable> fallbacks;
  private final List<String> report;
  private final long bytes;

  private record Held(RowCodec codec, Map<String, byte[]> byPerson, long rows, long bytes) {}

  private PersonStore(Map<TableName, Held> held, List<PersonTable> fallbacks, List<String> report, long bytes) {
    this.held = held;
    this.fallbacks = fallbacks;
    this.report = report;
    this.bytes = bytes;
  }

  /** Loads the existing tables of {@code tables}, in order, within {@code maxBytes}. */
  static PersonStore build(Lakehouse lh, List<PersonTable> tables, long maxBytes) {
    List<Map.Entry<PersonTable, Dataset<Row>>> frames = new ArrayList<>();
    for (PersonTable t : tables) {
      Dataset<Row> d = t.frame(lh);
      if (d != null) {
        frames.add(Map.entry(t, d));
      }
    }
    return build(frames, maxBytes);
  }

  /** Loads the given frames, in order, within {@code maxBytes}. */
  static PersonStore build(List<Map.Entry<PersonTable, Dataset<Row>>> frames, long maxBytes) {
    Map<TableName, Held> held = new HashMap<>();
    List<PersonTable> fallbacks = new ArrayList<>();
    List<String> report = new ArrayList<>();
    long used = 0;
    for (Map.Entry<PersonTable, Dataset<Row>> e : frames) {
      PersonTable t = e.getKey();
      String name = t.name().qualified();
      try {
        Held h = load(t, e.getValue(), maxBytes - used);
        if (h == null) {
          fallbacks.add(t);
          report.add(String.format(Locale.ROOT, "%s does not fit in dashboard.person-cache.max-bytes (%s, %s left):"
              + " served through Spark", name, mb(maxBytes), mb(maxBytes - used)));
        } else {
          held.put(t.name(), h);
          used += h.bytes();
          report.add(String.format(Locale.ROOT, "%s: %,d persons, %,d rows, %s", name, h.byPerson().size(),
              h.rows(), mb(h.bytes())));
        }
      } catch (RowCodec.UnsupportedValueException ex) {
        fallbacks.add(t);
        report.add(name + " has a value the store does not keep (" + ex.getMessage() + "): served through Spark");
      }
    }
    return new PersonStore(Map.copyOf(held), List.copyOf(fallbacks), List.copyOf(report), used);
  }

  /** One table grouped by person, or null when it would take more than {@code budget} bytes. */
  private static Held load(PersonTable t, Dataset<Row> d, long budget) {
    List<String> columns = Arrays.asList(d.columns());
    Column key = t.keys().size() == 1 ? col(t.keys().get(0))
        : explode(array_distinct(array(t.keys().stream().map(k -> col(k)).toArray(Column[]::new))));
    long rows = d.count() * t.keys().size();
    int parts = (int) Math.max(1, Math.min(100_000, (rows + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION));
    List<Column> order = new ArrayList<>();
    order.add(col(KEY));
    order.addAll(t.order());
    Dataset<Row> sorted = d.select(key.as(KEY), col("*")).filter(col(KEY).isNotNull())
        .repartitionByRange(parts, col(KEY)).sortWithinPartitions(order.toArray(Column[]::new));
    RowCodec codec = new RowCodec(columns, t.implicitKey(columns));
    RowCodec.Writer w = codec.writer();
    Map<String, byte[]> byPerson = new HashMap<>();
    long size = 0;
    long count = 0;
    try {
      Iterator<Row> it = sorted.toLocalIterator();
      String current = null;
      while (it.hasNext()) {
        Row r = it.next();
        String person = r.getString(0);
        if (!person.equals(current)) {
          if (current != null) {
            size += put(byPerson, current, w.finish());
            if (size > budget) {
              return null;
            }
          }
          current = person;
        }
        w.add(r, 1);
        count++;
      }
      if (current != null) {
        size += put(byPerson, current, w.finish());
      }
    } finally {
      w.close();
    }
    return size > budget ? null : new Held(codec, byPerson, count, size);
  }

  private static long put(Map<String, byte[]> byPerson, String person, byte[] entry) {
    if (byPerson.put(person, entry) != null) {
      throw new IllegalStateException("rows of one person arrived apart");
    }
    return entry.length + person.length() + ENTRY_OVERHEAD;
  }

  /** Whether this table is in memory (else read it through Spark, or it does not exist). */
  boolean holds(TableName t) {
    return held.containsKey(t);
  }

  /** One person's rows of a table held here, in the table's order; empty for a person without rows. */
  List<Map<String, Object>> rows(TableName t, String personId) {
    Held h = held.get(t);
    if (h == null) {
      throw new IllegalArgumentException(t + " is not held in memory");
    }
    byte[] entry = h.byPerson().get(personId);
    return entry == null ? List.of() : h.codec().decode(entry, personId);
  }

  /** The tables that exist but are not held: too big for the budget, or with values the codec does not keep. */
  List<PersonTable> fallbacks() {
    return fallbacks;
  }

  /** The estimated heap the store takes (its entries' bytes, keys and overhead). */
  long bytes() {
    return bytes;
  }

  /** One line per table for the serve log: what is held and how big, what is served through Spark and why. */
  List<String> report() {
    return report;
  }

  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
  }
}
