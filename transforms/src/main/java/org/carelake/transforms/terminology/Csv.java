package org.carelake.transforms.terminology;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits delimited text into rows. With quoting (CSV, RFC 4180) a field may be enclosed in double quotes, with ""
 * for a quote and with delimiters and line breaks inside; without it (TSV) every character is data. Blank lines and
 * lines starting with '#' are skipped. Each row keeps the line it starts on, for error messages.
 */
final class Csv {
  record Row(int line, List<String> cells) {}

  private Csv() {}

  static List<Row> parse(String file, String text, char delimiter, boolean quoting) {
    List<Row> rows = new ArrayList<>();
    int line = 1;
    int i = 0;
    int n = text.length();
    while (i < n) {
      int start = line;
      if (text.charAt(i) == '#') {
        while (i < n && text.charAt(i) != '\n') {
          i++;
        }
        i++;
        line++;
        continue;
      }
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      boolean afterQuote = false;
      boolean sawQuote = false;
      while (i < n) {
        char c = text.charAt(i++);
        if (quoted) {
          if (c != '"') {
            line += c == '\n' ? 1 : 0;
            cell.append(c);
          } else if (i < n && text.charAt(i) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else if (c == delimiter) {
          cells.add(cell.toString());
          cell.setLength(0);
          afterQuote = false;
        } else if (c == '\n' || c == '\r') {
          if (c == '\r' && i < n && text.charAt(i) == '\n') {
            i++;
          }
          line++;
          break;
        } else if (afterQuote) {
          throw new TerminologyFileException(file, line, "unexpected '" + c + "' after a closing quote");
        } else if (quoting && c == '"') {
          if (cell.length() > 0) {
            throw new TerminologyFileException(file, line, "a quote inside an unquoted field (quote the whole field)");
          }
          quoted = true;
          sawQuote = true;
        } else {
          cell.append(c);
        }
      }
      if (quoted) {
        throw new TerminologyFileException(file, start, "a quoted field is not closed");
      }
      cells.add(cell.toString());
      if (cells.size() > 1 || sawQuote || !cells.get(0).isBlank()) {
        rows.add(new Row(start, cells));
      }
    }
    return rows;
  }
}
