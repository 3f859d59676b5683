package org.carelake.cli;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Prints query results as an aligned table, CSV, TSV or JSON lines. */
final class ResultPrinter {
  enum Format { TABLE, CSV, TSV, JSON }

  private ResultPrinter() {}

  static Format format(String name) {
    try {
      return Format.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--format is one of table, csv, tsv, json: '" + name + "'");
    }
  }

  static long print(Dataset<Row> df, Format format, int tableLimit, PrintStream out) {
    String[] cols = df.columns();
    return switch (format) {
      case TABLE -> table(df, tableLimit, out);
      case CSV -> delimited(df, cols, ',', out);
      case TSV -> delimited(df, cols, '\t', out);
      case JSON -> json(df, out);
    };
  }

  private static long table(Dataset<Row> df, int limit, PrintStream out) {
    ResultGrid grid = ResultGrid.of(df, limit);
    grid.textLines().forEach(out::println);
    out.println(grid.footer("; use --limit or --format csv"));
    return grid.rows().size();
  }

  private static long delimited(Dataset<Row> df, String[] cols, char sep, PrintStream out) {
    out.println(join(cols, sep));
    long count = 0;
    for (Iterator<Row> it = df.toLocalIterator(); it.hasNext(); ) {
      Row r = it.next();
      String[] cells = new String[cols.length];
      for (int i = 0; i < cols.length; i++) {
        cells[i] = r.isNullAt(i) ? "" : String.valueOf(r.get(i));
      }
      out.println(join(cells, sep));
      count++;
    }
    return count;
  }

  private static String join(String[] cells, char sep) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        b.append(sep);
      }
      b.append(sep == ',' ? csv(cells[i]) : cells[i].replace('\t', ' ').replace('\n', ' ').replace('\r', ' '));
    }
    return b.toString();
  }

  private static String csv(String v) {
    if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
      return v;
    }
    return '"' + v.replace("\"", "\"\"") + '"';
  }

  private static long json(Dataset<Row> df, PrintStream out) {
    long count = 0;
    for (Iterator<String> it = df.toJSON().toLocalIterator(); it.hasNext(); ) {
      out.println(it.next());
      count++;
    }
    return count;
  }
}
