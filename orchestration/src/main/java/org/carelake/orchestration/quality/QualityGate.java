package org.carelake.orchestration.quality;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carelake.core.TableName;

/**
 * One data-quality gate: a SQL query that returns the rows violating a rule (no rows: the gate passes), with a
 * severity and settings declared in its file's header comments, e.g.
 *
 * <pre>
 * -- Each silver patient row is one source record.
 * -- category: uniqueness
 * -- severity: fail
 * -- requires: silver.patient
 * -- param: max_share = 0.05
 * SELECT ...  ${max_share} ...  ${previous:gold.measure_rate} ...
 * </pre>
 *
 * {@code ${name}} is a parameter; {@code ${previous:layer.table}} reads that table as it was after the gates' last
 * successful run (Delta time travel), for drift checks.
 */
public record QualityGate(String name, String description, String category, Severity severity,
                          List<TableName> requires, Map<String, String> params, String sql) {
  private static final Pattern HEADER = Pattern.compile("^--\\s*([a-z_]+):\\s*(.*)$");
  static final Pattern PREVIOUS = Pattern.compile("\\$\\{previous:([a-z_]+\\.[a-z0-9_]+)}");
  private static final Pattern PARAM = Pattern.compile("\\$\\{([a-z_][a-z0-9_]*)}");

  /** What a violation does to the run: stop it, warn, or nothing (the gate is not checked). */
  public enum Severity {
    FAIL, WARN, OFF;

    static Severity of(String s, String gate) {
      try {
        return valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("quality gate " + gate + ": severity '" + s + "' is not fail, warn or "
            + "off");
      }
    }
  }

  public static QualityGate parse(String name, String text) {
    StringBuilder description = new StringBuilder();
    String category = "other";
    Severity severity = Severity.FAIL;
    List<TableName> requires = new ArrayList<>();
    Map<String, String> params = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (!l.startsWith("--")) {
        break;
      }
      Matcher m = HEADER.matcher(l);
      if (!m.matches()) {
        description.append(description.length() == 0 ? "" : " ").append(l.substring(2).strip());
        continue;
      }
      String value = m.group(2).strip();
      switch (m.group(1)) {
        case "category" -> category = value;
        case "severity" -> severity = Severity.of(value, name);
        case "requires" -> {
          for (String t : value.split(",")) {
            requires.add(TableName.parse(t.strip()));
          }
        }
        case "param" -> {
          String[] kv = value.split("=", 2);
          if (kv.length != 2) {
            throw new IllegalArgumentException("quality gate " + name + ": 'param: " + value + "' is not NAME = VALUE");
          }
          params.put(kv[0].strip(), kv[1].strip());
        }
        default -> description.append(description.length() == 0 ? "" : " ").append(l.substring(2).strip());
      }
    }
    String sql = text.replaceAll("(?m)^\\s*--.*$", "").strip();
    if (sql.endsWith(";")) {
      sql = sql.substring(0, sql.length() - 1);
    }
    Matcher p = PARAM.matcher(sql);
    while (p.find()) {
      if (!params.containsKey(p.group(1))) {
        throw new IllegalArgumentException("quality gate " + name + ": ${" + p.group(1) + "} has no 'param:' line");
      }
    }
    return new QualityGate(name, description.toString(), category, severity, List.copyOf(requires),
        Map.copyOf(params), sql);
  }

  /** The tables read as of an earlier version ({@code ${previous:...}}). */
  public List<TableName> previousTables() {
    List<TableName> out = new ArrayList<>();
    Matcher m = PREVIOUS.matcher(sql);
    while (m.find()) {
      out.add(TableName.parse(m.group(1)));
    }
    return out;
  }

  /** The SQL with parameters and previous-version references replaced. */
  String bind(Map<String, String> paramValues, Map<TableName, String> previousSources) {
    String s = sql;
    for (var e : previousSources.entrySet()) {
      s = s.replace("${previous:" + e.getKey().qualified() + "}", e.getValue());
    }
    for (var e : paramValues.entrySet()) {
      s = s.replace("${" + e.getKey() + "}", e.getValue());
    }
    return s;
  }
}
