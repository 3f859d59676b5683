package org.carelake.marts.measure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The measures as data: {@code INDEX} lists the measure folders; {@code shared/INDEX} the shared models (the CQL
 * libraries every measure includes: hospice, palliative care, frailty, ...); each measure folder holds its FHIR
 * {@code Measure.json} and an {@code INDEX} of its SQL models, one per CQL definition. Read from the classpath
 * (the shipped measures) or from a directory laid out the same way (a user's own measures; without an
 * {@code outputs/} folder it uses the shipped attribution, care-gap and rate models).
 */
public final class MeasureLibrary {
  private static final Pattern DIRECT_CODING = Pattern.compile("'([a-z_]+\\|[a-z]+:[^|'\\s]+\\|[^|'\\s]+)'");
  private static final Pattern LINE_COMMENT = Pattern.compile("--[^\n]*");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private final List<SqlModel> shared;
  private final List<MeasureDefinition> measures;
  private final List<SqlModel> outputs;

  private MeasureLibrary(List<SqlModel> shared, List<MeasureDefinition> measures, List<SqlModel> outputs) {
    this.shared = shared;
    this.measures = measures;
    this.outputs = outputs;
  }

  public static MeasureLibrary fromClasspath() {
    return load("classpath:/measures", path -> {
      try (InputStream in = MeasureLibrary.class.getResourceAsStream("/measures/" + path)) {
        return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  public static MeasureLibrary fromDirectory(Path dir) {
    return load(dir.toString(), path -> {
      Path p = dir.resolve(path);
      try {
        return Files.isRegularFile(p) ? Files.readString(p) : null;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + p, e);
      }
    });
  }

  public List<SqlModel> shared() {
    return shared;
  }

  public List<MeasureDefinition> measures() {
    return measures;
  }

  /** The models after the populations: attribution, care gaps, rates. */
  public List<SqlModel> outputs() {
    return outputs;
  }

  /**
   * The direct-reference codes the models name, as the 'element|system|code' literals they test codings with
   * (CQL's {@code [Observation: "Glucose management indicator"]}); sorted, each once.
   */
  public List<String> directCodings() {
    TreeSet<String> out = new TreeSet<>();
    for (SqlModel m : sharedAndMeasureModels()) {
      Matcher x = DIRECT_CODING.matcher(m.sql());
      while (x.find()) {
        out.add(x.group(1));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Every name the library's SQL mentions outside comments (lower case): a column of a shared model that no model
   * names cannot be read by any, so it need not be materialized.
   */
  public Set<String> namesUsed() {
    Set<String> out = new HashSet<>();
    List<SqlModel> all = sharedAndMeasureModels();
    all.addAll(outputs);
    for (SqlModel m : all) {
      Matcher x = NAME.matcher(LINE_COMMENT.matcher(m.sql()).replaceAll(" "));
      while (x.find()) {
        out.add(x.group().toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private List<SqlModel> sharedAndMeasureModels() {
    List<SqlModel> all = new ArrayList<>(shared);
    measures.forEach(m -> all.addAll(m.models()));
    return all;
  }

  public MeasureDefinition measure(String id) {
    return measures.stream().filter(m -> m.id().equalsIgnoreCase(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown measure '" + id + "'; measures: "
            + String.join(", ", measures.stream().map(MeasureDefinition::id).toList())));
  }

  private static MeasureLibrary load(String where, Function<String, String> read) {
    List<SqlModel> shared = models(where, "shared", "", read);
    List<MeasureDefinition> measures = new ArrayList<>();
    for (String id : index(where, "INDEX", read)) {
      String measureJson = required(where, id + "/Measure.json", read);
      String prefix = id.toLowerCase(Locale.ROOT) + "_";
      measures.add(MeasureDefinition.fromMeasureResource(id, measureJson, models(where, id, prefix, read),
          settings(where, id, read).getProperty("improvementNotation")));
    }
    List<SqlModel> outputs = read.apply("outputs/INDEX") == null
        ? fromClasspath().outputs() : models(where, "outputs", "", read);
    return new MeasureLibrary(shared, measures, outputs);
  }

  /** A measure folder's optional {@code measure.properties}: corrections to what its Measure resource says. */
  private static java.util.Properties settings(String where, String id, Function<String, String> read) {
    java.util.Properties p = new java.util.Properties();
    String text = read.apply(id + "/measure.properties");
    if (text != null) {
      try {
        p.load(new java.io.StringReader(text));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("measure library " + where + ": " + id + "/measure.properties", e);
      }
    }
    return p;
  }

  private static List<SqlModel> models(String where, String folder, String viewPrefix,
      Function<String, String> read) {
    List<SqlModel> out = new ArrayList<>();
    for (String file : index(where, folder + "/INDEX", read)) {
      String view = viewPrefix + file.replaceAll("\\.sql$", "");
      out.add(new SqlModel(view, folder + "/" + file, required(where, folder + "/" + file, read)));
    }
    return out;
  }

  private static List<String> index(String where, String path, Function<String, String> read) {
    return required(where, path, read).lines().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
  }

  private static String required(String where, String path, Function<String, String> read) {
    String text = read.apply(path);
    if (text == null) {
      throw new IllegalStateException("measure library " + where + ": missing " + path);
    }
    return text;
  }
}
