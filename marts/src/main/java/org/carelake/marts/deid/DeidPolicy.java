package org.carelake.marts.deid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carelake.core.TableName;
import org.carelake.marts.ClasspathText;

/**
 * The column policy of one de-identified table, read from {@code deid/<table>.json}: its source table and the only
 * columns that survive, each written {@code out = rule(source_column)}. Every column not listed is dropped, so a
 * column added to silver or gold later stays out of {@code deid.*} until someone lists it.
 */
public record DeidPolicy(String table, TableName source, String about, List<Column> columns) {
  static final String DIR = "/deid/";
  private static final Pattern COLUMN =
      Pattern.compile("\\s*([a-z][a-z0-9_]*)\\s*=\\s*([a-z_0-9]+)\\(\\s*([a-z][a-z0-9_]*)\\s*\\)\\s*");

  /** The rules a column may use; aggregates make the table one row per group of the other columns. */
  public enum Rule {
    KEEP, PSEUDONYM, YEAR, BIRTH_YEAR, AGE_90, ZIP3, SUM, COUNT_TRUE;

    static Rule parse(String name, String where) {
      for (Rule r : values()) {
        if (r.name().equalsIgnoreCase(name)) {
          return r;
        }
      }
      throw new IllegalArgumentException(where + ": unknown rule '" + name + "' (keep, pseudonym, year, birth_year, "
          + "age_90, zip3, sum, count_true)");
    }

    boolean aggregate() {
      return this == SUM || this == COUNT_TRUE;
    }
  }

  /** One surviving column. */
  public record Column(String name, Rule rule, String from) {}

  /** Every shipped policy, in the order of {@code deid/INDEX}. */
  public static List<DeidPolicy> shipped() {
    List<DeidPolicy> out = new ArrayList<>();
    for (String line : ClasspathText.read(DIR + "INDEX").split("\n")) {
      String file = line.strip();
      if (!file.isEmpty() && !file.startsWith("#")) {
        out.add(parse(file, ClasspathText.read(DIR + file)));
      }
    }
    return out;
  }

  /** Parses one policy; errors name the file and the entry. */
  public static DeidPolicy parse(String file, String json) {
    JsonNode n;
    try {
      n = new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(file + ": not JSON: " + e.getMessage(), e);
    }
    String table = n.path("table").asText("");
    if (!table.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException(file + ": 'table' must be a lower-case table name");
    }
    TableName source = TableName.parse(n.path("source").asText(""));
    List<Column> columns = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (JsonNode c : n.path("columns")) {
      Matcher m = COLUMN.matcher(c.asText(""));
      if (!m.matches()) {
        throw new IllegalArgumentException(file + ": column '" + c.asText() + "' is not 'out = rule(column)'");
      }
      if (!seen.add(m.group(1))) {
        throw new IllegalArgumentException(file + ": column " + m.group(1) + " twice");
      }
      columns.add(new Column(m.group(1), Rule.parse(m.group(2), file + " " + m.group(1)), m.group(3)));
    }
    if (columns.stream().noneMatch(c -> c.rule() == Rule.PSEUDONYM && c.name().equals("person_id"))) {
      throw new IllegalArgumentException(file + ": needs 'person_id = pseudonym(...)' (deid tables are per person)");
    }
    return new DeidPolicy(table, source, n.path("about").asText(""), List.copyOf(columns));
  }

  boolean aggregated() {
    return columns.stream().anyMatch(c -> c.rule().aggregate());
  }
}
