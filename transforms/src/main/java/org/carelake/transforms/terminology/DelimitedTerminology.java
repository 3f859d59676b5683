package org.carelake.transforms.terminology;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads tab- or comma-separated terminology with a header row; columns are found by name (any order, case ignored).
 * <ul>
 *   <li>Value set codes: {@code valueset_oid} and/or {@code valueset_url}, {@code system}, {@code code}, optional
 *       {@code valueset_name}, {@code version}, {@code display} (the eCQM valuesets.tsv layout). The url defaults to
 *       VSAC's for the OID.
 *   <li>Concept map entries: {@code source_system}, {@code source_code}, {@code target_system}, {@code target_code},
 *       optional {@code map_url} (default: the file name), {@code map_version}, {@code source_feed},
 *       {@code source_display}, {@code target_display}, {@code equivalence}. Rows without a target code are left out
 *       (a spreadsheet's unmapped rows).
 *   <li>Code-system aliases: {@code alias}, {@code uri}: another name a deployment's feeds use for a code system (an
 *       OID, a URI, an HL7 v2 coding-system name) and the system's canonical URI.
 * </ul>
 * Every row must have as many fields as the header. Tab-separated text has no quoting; comma-separated text follows
 * RFC 4180. Blank lines and lines starting with '#' are skipped.
 */
final class DelimitedTerminology {
  private DelimitedTerminology() {}

  static void read(String file, String text, ContentBuilder out) {
    char delimiter = headerLine(text).indexOf('\t') >= 0 ? '\t' : ',';
    List<Csv.Row> rows = Csv.parse(file, text, delimiter, delimiter == ',');
    if (rows.isEmpty()) {
      throw new TerminologyFileException(file, "no header row");
    }
    Csv.Row header = rows.get(0);
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.cells().size(); i++) {
      String name = header.cells().get(i).strip().toLowerCase(Locale.ROOT);
      if (!name.isEmpty() && columns.put(name, i) != null) {
        throw new TerminologyFileException(file, header.line(), "column " + name + " appears twice in the header");
      }
    }
    Table t = new Table(file, header.line(), header.cells().size(), columns);
    List<Csv.Row> data = rows.subList(1, rows.size());
    if (columns.containsKey("code") && (columns.containsKey("valueset_oid") || columns.containsKey("valueset_url"))) {
      valueSetCodes(t, data, out);
    } else if (columns.containsKey("source_code") && columns.containsKey("target_code")) {
      conceptMap(t, data, out);
    } else if (columns.containsKey("alias") && columns.containsKey("uri")) {
      aliases(t, data, out);
    } else {
      throw new TerminologyFileException(file, header.line(), "the header names neither value set columns"
          + " (valueset_oid, system, code, ...) nor concept map columns (source_system, source_code, target_system,"
          + " target_code, ...) nor code-system alias columns (alias, uri)");
    }
  }

  private static String headerLine(String text) {
    for (String line : text.split("\r?\n|\r")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        return line;
      }
    }
    return "";
  }

  private static void valueSetCodes(Table t, List<Csv.Row> rows, ContentBuilder out) {
    t.require("system");
    for (Csv.Row row : rows) {
      t.check(row);
      String oid = t.get(row, "valueset_oid");
      if (oid != null) {
        String bare = Oids.of(oid);
        if (bare == null) {
          throw new TerminologyFileException(t.file, row.line(), "valueset_oid '" + oid + "' is not an OID");
        }
        oid = bare;
      }
      String url = t.get(row, "valueset_url");
      if (url == null && oid == null) {
        throw new TerminologyFileException(t.file, row.line(), "neither valueset_oid nor valueset_url");
      }
      out.valueSetCodes.add(new ValueSetCode(url != null ? url : FhirTerminology.VSAC + oid, oid,
          t.get(row, "version"), t.get(row, "valueset_name"), t.required(row, "system"), t.required(row, "code"),
          t.get(row, "display")));
    }
  }

  private static void conceptMap(Table t, List<Csv.Row> rows, ContentBuilder out) {
    t.require("source_system");
    t.require("target_system");
    for (Csv.Row row : rows) {
      t.check(row);
      String equivalence = t.get(row, "equivalence");
      if (Equivalences.rank(equivalence) == Equivalences.UNKNOWN) {
        throw new TerminologyFileException(t.file, row.line(), "unknown equivalence '" + equivalence + "'");
      }
      String sourceSystem = t.required(row, "source_system");
      String sourceCode = t.required(row, "source_code");
      String targetCode = t.get(row, "target_code");
      if (targetCode == null) {
        continue;
      }
      String mapUrl = t.get(row, "map_url");
      out.conceptMapEntries.add(new ConceptMapEntry(mapUrl != null ? mapUrl : t.file, t.get(row, "map_version"),
          t.get(row, "source_feed"), sourceSystem, sourceCode, t.get(row, "source_display"),
          t.required(row, "target_system"), targetCode, t.get(row, "target_display"), equivalence));
    }
  }

  private static void aliases(Table t, List<Csv.Row> rows, ContentBuilder out) {
    for (Csv.Row row : rows) {
      t.check(row);
      String alias = t.required(row, "alias");
      String uri = t.required(row, "uri");
      if (alias.equals(uri)) {
        throw new TerminologyFileException(t.file, row.line(), "alias " + alias + " names itself");
      }
      out.aliases.add(new CodeSystemAlias(alias, uri));
    }
  }

  /** Column access by header name, with errors that name the file and line. */
  private static final class Table {
    final String file;
    final int headerLine;
    final int width;
    final Map<String, Integer> columns;

    Table(String file, int headerLine, int width, Map<String, Integer> columns) {
      this.file = file;
      this.headerLine = headerLine;
      this.width = width;
      this.columns = columns;
    }

    void require(String column) {
      if (!columns.containsKey(column)) {
        throw new TerminologyFileException(file, headerLine, "the header has no " + column + " column");
      }
    }

    void check(Csv.Row row) {
      if (row.cells().size() != width) {
        throw new TerminologyFileException(file, row.line(),
            row.cells().size() + " fields, expected " + width + " as in the header");
      }
    }

    /** The stripped value, or null when the column is absent or the cell blank. */
    String get(Csv.Row row, String column) {
      Integer i = columns.get(column);
      return i == null ? null : Codes.strip(row.cells().get(i));
    }

    String required(Csv.Row row, String column) {
      String v = get(row, column);
      if (v == null) {
        throw new TerminologyFileException(file, row.line(), "empty " + column);
      }
      return v;
    }
  }
}
