package org.carelake.transforms.silver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carelake.transforms.view.ViewDefinition;
import org.carelake.transforms.view.ViewDefinitionException;

/**
 * The ViewDefinitions that define silver: {@code views/silver/INDEX} lists the files in build order; each file's
 * {@code name} is its table, and files sharing a name (table--part.json) are parts of one table. Shipped on the
 * classpath (so the same jar works under spark-submit), or read from a directory with the same layout.
 */
public final class SilverViews {
  private static final String CLASSPATH_DIR = "/views/silver/";

  /** One file: its name (the row key's part), the parsed view and its target table. */
  public record Part(String file, ViewDefinition view) {
    public String table() {
      return view.name();
    }
  }

  private final List<Part> parts;

  private SilverViews(List<Part> parts) {
    this.parts = parts;
  }

  public static SilverViews fromClasspath() {
    List<Part> parts = new ArrayList<>();
    for (String file : lines(open(CLASSPATH_DIR + "INDEX"), "INDEX")) {
      parts.add(part(file, read(open(CLASSPATH_DIR + file), file)));
    }
    return new SilverViews(parts);
  }

  public static SilverViews fromDirectory(Path dir) {
    try {
      List<Part> parts = new ArrayList<>();
      for (String file : lines(Files.newInputStream(dir.resolve("INDEX")), dir.resolve("INDEX").toString())) {
        parts.add(part(file, read(Files.newInputStream(dir.resolve(file)), file)));
      }
      return new SilverViews(parts);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read views from " + dir, e);
    }
  }

  private static Part part(String file, String json) {
    try {
      ViewDefinition v = ViewDefinition.parse(json);
      if (v.name() == null || !v.name().matches("[a-z][a-z0-9_]*")) {
        throw new ViewDefinitionException("name: '" + v.name() + "' must be a table name (lower case, digits, _)");
      }
      return new Part(file.replaceAll("\\.json$", ""), v);
    } catch (ViewDefinitionException e) {
      throw new ViewDefinitionException(file + ": " + e.getMessage());
    }
  }

  /** Only the parts of these tables (e.g. to rebuild a few tables, or a smaller test). */
  public SilverViews only(java.util.Set<String> tables) {
    return new SilverViews(parts.stream().filter(p -> tables.contains(p.table())).toList());
  }

  public List<Part> parts() {
    return parts;
  }

  /** Table name -> its parts, in INDEX order. Parts of a table must have the same columns. */
  public Map<String, List<Part>> byTable() {
    Map<String, List<Part>> tables = new LinkedHashMap<>();
    for (Part p : parts) {
      List<Part> same = tables.computeIfAbsent(p.table(), t -> new ArrayList<>());
      if (!same.isEmpty() && !same.get(0).view().columnTypes().equals(p.view().columnTypes())) {
        throw new ViewDefinitionException(p.file() + ": columns differ from " + same.get(0).file()
            + ", but both build silver." + p.table());
      }
      same.add(p);
    }
    return tables;
  }

  private static InputStream open(String resource) {
    InputStream in = SilverViews.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing classpath resource " + resource);
    }
    return in;
  }

  private static List<String> lines(InputStream in, String what) {
    List<String> out = new ArrayList<>();
    for (String line : read(in, what).split("\n")) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        out.add(l);
      }
    }
    return out;
  }

  private static String read(InputStream in, String what) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      StringBuilder sb = new StringBuilder();
      for (String line; (line = r.readLine()) != null; ) {
        sb.append(line).append('\n');
      }
      return sb.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + what, e);
    }
  }
}
