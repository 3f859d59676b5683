package org.carelake.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Jupyter notebook (nbformat 4) read as JSON: its SQL cells in the JupySQL / ipython-sql convention (a code cell
 * whose source starts with {@code %%sql}), the papermill-style parameter cell their {@code {{name}}} placeholders
 * come from, and the outputs a run writes back. Everything else in the file is kept as it is.
 */
final class Notebook {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
  private static final Pattern ASSIGNMENT =
      Pattern.compile("(\\w+)\\s*=\\s*(?:'([^']*)'|\"([^\"]*)\"|(-?[0-9][0-9.]*))\\s*(?:#.*)?");

  /** A %%sql cell: its position among all cells, its number among the SQL cells (1-based) and its statement. */
  record SqlCell(int index, int number, String sql) {}

  private final ObjectNode root;
  private final ArrayNode cells;

  private Notebook(ObjectNode root) {
    this.root = root;
    this.cells = (ArrayNode) root.get("cells");
  }

  static Notebook read(Path file) throws IOException {
    JsonNode n;
    try {
      n = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not a notebook: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (!(n instanceof ObjectNode o) || n.path("nbformat").asInt() != 4 || !n.path("cells").isArray()) {
      throw new IllegalArgumentException(file + " is not an nbformat 4 notebook (no nbformat 4 and cells[])");
    }
    return new Notebook(o);
  }

  /** The SQL cells in order, their placeholders filled from the parameter cell and then from {@code overrides}. */
  List<SqlCell> sqlCells(Map<String, String> overrides) {
    Map<String, String> params = new LinkedHashMap<>(parameters());
    params.putAll(overrides);
    List<SqlCell> out = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      JsonNode c = cells.get(i);
      String src = source(c);
      if (!"code".equals(c.path("cell_type").asText()) || !src.stripLeading().startsWith("%%sql")) {
        continue;
      }
      String body = src.stripLeading();
      int nl = body.indexOf('\n');
      String sql = nl < 0 ? "" : body.substring(nl + 1).strip();
      if (sql.endsWith(";")) {
        sql = sql.substring(0, sql.length() - 1).strip();
      }
      out.add(new SqlCell(i, out.size() + 1, fill(sql, params)));
    }
    return out;
  }

  /** {@code NAME = 'text'} or {@code NAME = 123} lines of the code cell tagged {@code parameters}. */
  Map<String, String> parameters() {
    Map<String, String> params = new LinkedHashMap<>();
    for (JsonNode c : cells) {
      boolean tagged = false;
      for (JsonNode tag : c.path("metadata").path("tags")) {
        tagged |= "parameters".equals(tag.asText());
      }
      if (!tagged) {
        continue;
      }
      for (String line : source(c).split("\n")) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        Matcher m = ASSIGNMENT.matcher(t);
        if (!m.matches()) {
          throw new IllegalArgumentException("parameter cell: expected NAME = 'text' or NAME = number, not: " + t);
        }
        String v = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
        params.put(m.group(1), v);
      }
    }
    return params;
  }

  /** JupySQL expands {{name}} from the notebook's variables; here they come from the parameters. */
  private static String fill(String sql, Map<String, String> params) {
    Matcher m = PLACEHOLDER.matcher(sql);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String v = params.get(m.group(1));
      // Left as it is, the statement fails to parse and the cell reports the placeholder.
      m.appendReplacement(b, Matcher.quoteReplacement(v != null ? v : m.group()));
    }
    return m.appendTail(b).toString();
  }

  /** Clears every code cell's outputs and execution count, as Jupyter's "restart and run all" starts. */
  void clearOutputs() {
    for (JsonNode c : cells) {
      if ("code".equals(c.path("cell_type").asText())) {
        ((ObjectNode) c).putNull("execution_count");
        ((ObjectNode) c).putArray("outputs");
      }
    }
  }

  /** The cell's result as an execute_result with a text and an HTML table. */
  void setResult(SqlCell cell, int executionCount, ResultGrid grid) {
    ObjectNode c = (ObjectNode) cells.get(cell.index());
    c.put("execution_count", executionCount);
    ObjectNode out = c.putArray("outputs").addObject();
    out.put("output_type", "execute_result");
    out.put("execution_count", executionCount);
    ObjectNode data = out.putObject("data");
    List<String> text = new ArrayList<>(grid.textLines());
    text.add(grid.footer(""));
    data.set("text/plain", lines(String.join("\n", text)));
    data.set("text/html", lines(grid.html()));
    out.putObject("metadata");
  }

  /** The cell's failure as an error output, as Jupyter shows an exception. */
  void setError(SqlCell cell, int executionCount, String name, String message) {
    ObjectNode c = (ObjectNode) cells.get(cell.index());
    c.put("execution_count", executionCount);
    ObjectNode out = c.putArray("outputs").addObject();
    out.put("output_type", "error");
    out.put("ename", name);
    out.put("evalue", message);
    out.putArray("traceback").add(name + ": " + message);
  }

  void write(Path file) throws IOException {
    // Jupyter's own layout: one-space indent, a newline at the end.
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter(" ", "\n"))
        .withArrayIndenter(new DefaultIndenter(" ", "\n"));
    String text = JSON.writer(pp).writeValueAsString(root) + "\n";
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** A cell's source: nbformat allows one string or a list of lines. */
  private static String source(JsonNode cell) {
    JsonNode s = cell.path("source");
    if (s.isTextual()) {
      return s.asText();
    }
    StringBuilder b = new StringBuilder();
    s.forEach(line -> b.append(line.asText()));
    return b.toString();
  }

  /** Multi-line text as nbformat stores it: a list of lines, each but the last ending in a newline. */
  private static ArrayNode lines(String text) {
    ArrayNode a = JSON.createArrayNode();
    String[] parts = text.split("\n", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i < parts.length - 1) {
        a.add(parts[i] + "\n");
      } else if (!parts[i].isEmpty()) {
        a.add(parts[i]);
      }
    }
    return a;
  }
}
