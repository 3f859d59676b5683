package org.carelake.core.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.carelake.core.TableName;

/**
 * Which columns of which tables hold PHI: every {@code carelake/phi-columns.properties} on the classpath, one per
 * module for the tables it writes ({@code silver.patient = family, given, birth_date}), so core names no table.
 */
public final class PhiColumns {
  public static final String RESOURCE = "carelake/phi-columns.properties";
  private static volatile PhiColumns classpath;

  private final Map<TableName, Set<String>> columns;

  PhiColumns(Map<TableName, Set<String>> columns) {
    this.columns = columns;
  }

  public static PhiColumns fromClasspath() {
    PhiColumns p = classpath;
    if (p == null) {
      p = load(Thread.currentThread().getContextClassLoader() != null
          ? Thread.currentThread().getContextClassLoader() : PhiColumns.class.getClassLoader());
      classpath = p;
    }
    return p;
  }

  static PhiColumns load(ClassLoader loader) {
    Map<TableName, Set<String>> out = new LinkedHashMap<>();
    try {
      Enumeration<URL> files = loader.getResources(RESOURCE);
      for (URL url : Collections.list(files)) {
        Properties p = new Properties();
        try (InputStream in = url.openStream()) {
          p.load(in);
        }
        for (String table : p.stringPropertyNames()) {
          Set<String> cols = out.computeIfAbsent(TableName.parse(table.trim()), t -> new LinkedHashSet<>());
          for (String c : p.getProperty(table).split(",")) {
            if (!c.isBlank()) {
              cols.add(c.trim());
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return new PhiColumns(out);
  }

  /** The PHI columns of a table (empty for a table without any). */
  public Set<String> of(TableName t) {
    return columns.getOrDefault(t, Set.of());
  }

  public Map<TableName, Set<String>> all() {
    return Collections.unmodifiableMap(columns);
  }
}
