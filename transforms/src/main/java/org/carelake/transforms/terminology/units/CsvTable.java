package org.carelake.transforms.terminology.units;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the tables shipped beside these classes: comma-separated, '#' comment lines, a header line that must name
 * the expected columns (so a reordered file fails loudly), and double quotes around cells that hold commas.
 */
final class CsvTable {
  private CsvTable() {}

  static List<String[]> read(String name, List<String> columns) {
    try (InputStream in = CsvTable.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + name + " beside " + CsvTable.class.getName());
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String[]> rows = new ArrayList<>();
      boolean header = true;
      int lineNo = 0;
      for (String line; (line = r.readLine()) != null; ) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        List<String> cells = split(line);
        if (header) {
          if (!cells.equals(columns)) {
            throw new IllegalStateException(name + ": header " + cells + ", expected " + columns);
          }
          header = false;
        } else if (cells.size() != columns.size()) {
          throw new IllegalStateException(name + ":" + lineNo + ": " + cells.size() + " cells, expected " + columns);
        } else {
          rows.add(cells.toArray(String[]::new));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  /** Cells stripped of surrounding spaces; inside quotes a doubled quote is one quote. */
  static List<String> split(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString().strip());
    return cells;
  }
}
