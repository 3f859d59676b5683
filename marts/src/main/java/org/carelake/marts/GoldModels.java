package org.carelake.marts;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carelake.core.Lakehouse;
import org.carelake.core.Layer;
import org.carelake.core.TableName;

/**
 * The gold models: one SQL SELECT per file under {@code models/gold/} (listed in build order by INDEX), each
 * building the table it is named for from silver (and earlier gold) tables. A model is skipped, with the reason,
 * when a table it reads does not exist yet (e.g. no claims in this lakehouse).
 */
public final class GoldModels {
  private static final String DIR = "/models/gold/";
  private static final Pattern READS = Pattern.compile("\\b(silver|gold)\\.([a-z][a-z0-9_]*)\\b");

  /** One model: its table and SQL. */
  public record Model(String table, String sql) {
    /** The silver and gold tables the SQL reads. */
    public List<TableName> inputs() {
      List<TableName> out = new ArrayList<>();
      Matcher m = READS.matcher(sql.replaceAll("--[^\n]*", ""));
      while (m.find()) {
        TableName t = TableName.of(m.group(1).equals("silver") ? Layer.SILVER : Layer.GOLD, m.group(2));
        if (!out.contains(t)) {
          out.add(t);
        }
      }
      return out;
    }
  }

  private GoldModels() {}

  public static List<Model> fromClasspath() {
    List<Model> out = new ArrayList<>();
    for (String line : ClasspathText.read(DIR + "INDEX").split("\n")) {
      String file = line.strip();
      if (!file.isEmpty() && !file.startsWith("#")) {
        out.add(new Model(file.replaceAll("\\.sql$", ""), ClasspathText.read(DIR + file)));
      }
    }
    return out;
  }

  /** Builds every model whose inputs exist; returns table -> rows (models skipped are left out). */
  public static Map<String, Long> build(Lakehouse lh, List<Model> models, PrintStream log) {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (Model m : models) {
      List<TableName> missing = m.inputs().stream().filter(t -> !lh.exists(t)).toList();
      if (!missing.isEmpty()) {
        log.printf("  gold.%-36s skipped: %s not built%n", m.table(), missing);
        continue;
      }
      long t0 = System.currentTimeMillis();
      TableName t = TableName.of(Layer.GOLD, m.table());
      lh.overwrite(t, lh.sql(m.sql()));
      long n = lh.table(t).count();
      rows.put(m.table(), n);
      log.printf("  gold.%-36s %,10d rows  %5.1f s%n", m.table(), n, (System.currentTimeMillis() - t0) / 1000.0);
    }
    return rows;
  }

}
