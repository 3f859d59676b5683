package org.carelake.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The first rows of a query's result as display strings: what {@code sql --format table} prints and what
 * {@code notebook run} prints and stores as a cell's output (aligned text and an HTML table).
 */
record ResultGrid(String[] columns, List<String[]> rows, boolean more, int limit) {
  /** Reads at most {@code limit} rows (one more to know whether there are more); long values are cut at 80. */
  static ResultGrid of(Dataset<Row> df, int limit) {
    String[] cols = df.columns();
    List<String[]> rows = new ArrayList<>();
    boolean more = false;
    for (Iterator<Row> it = df.toLocalIterator(); it.hasNext(); ) {
      Row r = it.next();
      if (rows.size() == limit) {
        more = true;
        break;
      }
      String[] cells = new String[cols.length];
      for (int i = 0; i < cols.length; i++) {
        String v = r.isNullAt(i) ? "NULL" : String.valueOf(r.get(i));
        cells[i] = v.length() > 80 ? v.substring(0, 77) + "..." : v;
      }
      rows.add(cells);
    }
    return new ResultGrid(cols, rows, more, limit);
  }

  /** Header, rule, one line per row, padded to the widest value of each column. */
  List<String> textLines() {
    int[] width = new int[columns.length];
    for (int i = 0; i < columns.length; i++) {
      width[i] = columns[i].length();
      for (String[] cells : rows) {
        width[i] = Math.max(width[i], cells[i].length());
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(line(columns, width));
    lines.add(rule(width));
    for (String[] cells : rows) {
      lines.add(line(cells, width));
    }
    return lines;
  }

  /** "(3 rows)", or how many were shown when there were more. */
  String footer(String hint) {
    int n = rows.size();
    return "(" + n + (more ? "+ rows, first " + limit + " shown" + hint : n == 1 ? " row" : " rows") + ")";
  }

  /** An HTML table, values escaped, as Jupyter shows a query result. */
  String html() {
    StringBuilder b = new StringBuilder("<table>\n<thead><tr>");
    for (String c : columns) {
      b.append("<th>").append(escape(c)).append("</th>");
    }
    b.append("</tr></thead>\n<tbody>\n");
    for (String[] cells : rows) {
      b.append("<tr>");
      for (String v : cells) {
        b.append("<td>").append(escape(v)).append("</td>");
      }
      b.append("</tr>\n");
    }
    return b.append("</tbody>\n</table>\n<p>").append(escape(footer(""))).append("</p>\n").toString();
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String line(String[] cells, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        b.append(" | ");
      }
      b.append(cells[i]);
      b.append(" ".repeat(width[i] - cells[i].length()));
    }
    return b.toString().stripTrailing();
  }

  private static String rule(int[] width) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      if (i > 0) {
        b.append("-+-");
      }
      b.append("-".repeat(width[i]));
    }
    return b.toString();
  }
}
