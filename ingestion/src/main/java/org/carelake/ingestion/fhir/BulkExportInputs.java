package org.carelake.ingestion.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.carelake.core.CarelakeConfig;

/**
 * Turns what the user named (export directories, {@code $export} manifests, NDJSON files) into the list of files
 * to read, each with its declared resource type and role.
 */
public final class BulkExportInputs {
  /** {@code Patient.ndjson}, {@code Observation.000.ndjson}, {@code Location.1795650165772.ndjson.gz}. */
  private static final Pattern TYPED_NAME = Pattern.compile("^([A-Z][A-Za-z]+)(?:[._-][^/]*)?\\.ndjson(?:\\.gz)?$");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The files of an export and its transaction time (null when no manifest said). */
  public record Resolved(List<InputFile> files, String transactionTime) {}

  private BulkExportInputs() {}

  public static Resolved resolve(List<String> locations, Configuration conf) throws IOException {
    List<InputFile> files = new ArrayList<>();
    String transactionTime = null;
    for (String location : locations) {
      Path path = toPath(location);
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        throw new IllegalArgumentException("no such file or directory: " + location);
      }
      FileStatus status = fs.getFileStatus(path);
      String name = path.getName();
      if (status.isDirectory()) {
        FileStatus[] children = fs.listStatus(path, p -> isNdjson(p.getName()));
        Arrays.sort(children, Comparator.comparing(s -> s.getPath().getName()));
        if (children.length == 0) {
          throw new IllegalArgumentException("no .ndjson or .ndjson.gz files in " + location);
        }
        for (FileStatus c : children) {
          files.add(new InputFile(c.getPath().toString(), typeFromName(c.getPath().getName()), InputRole.RESOURCES));
        }
      } else if (isNdjson(name)) {
        files.add(new InputFile(path.toString(), typeFromName(name), InputRole.RESOURCES));
      } else if (name.endsWith(".json")) {
        String t = readManifest(fs, path, files);
        transactionTime = transactionTime == null ? t : transactionTime;
      } else {
        throw new IllegalArgumentException(location + " is neither an export directory, a manifest (.json) nor NDJSON "
            + "(.ndjson, .ndjson.gz)");
      }
    }
    return new Resolved(files, transactionTime);
  }

  /**
   * A location as a Hadoop path: a well-formed URI is decoded ({@code file:///a%20b} is the folder "a b"); anything
   * else, such as a plain path with spaces, is taken literally.
   */
  private static Path toPath(String location) {
    String uri = CarelakeConfig.toUri(location);
    try {
      return new Path(new URI(uri));
    } catch (URISyntaxException e) {
      return new Path(uri);
    }
  }

  /** Reads a bulk-data {@code $export} completion manifest; returns its transactionTime. */
  private static String readManifest(FileSystem fs, Path manifest, List<InputFile> files) throws IOException {
    JsonNode root;
    try (InputStream in = fs.open(manifest)) {
      root = MAPPER.readTree(in);
    } catch (IOException e) {
      throw new IllegalArgumentException(manifest + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject() || !root.path("output").isArray()) {
      throw new IllegalArgumentException(manifest + " is not a bulk-export manifest: it has no output[] array");
    }
    addEntries(manifest, root.path("output"), InputRole.RESOURCES, files);
    addEntries(manifest, root.path("deleted"), InputRole.DELETIONS, files);
    // error[] files hold OperationOutcomes: kept in bronze like any resource, so they are never lost.
    addEntries(manifest, root.path("error"), InputRole.ERRORS, files);
    return root.path("transactionTime").asText(null);
  }

  private static void addEntries(Path manifest, JsonNode entries, InputRole role, List<InputFile> files) {
    int i = 0;
    for (JsonNode e : entries) {
      String url = e.path("url").asText(null);
      if (url == null || url.isBlank()) {
        throw new IllegalArgumentException(manifest + ": entry " + i + " has no url");
      }
      String type = e.path("type").asText(null);
      files.add(new InputFile(resolveUrl(manifest, url), role == InputRole.DELETIONS ? "Bundle" : type, role));
      i++;
    }
  }

  /** File URLs and absolute URIs pass through; relative paths resolve against the manifest's folder. */
  static String resolveUrl(Path manifest, String url) {
    URI u = URI.create(url.replace(" ", "%20"));
    String scheme = u.getScheme();
    if (scheme != null && (scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException(manifest + " points at " + url + ": remote files are downloaded by "
          + "'carelake export fhir'; 'ingest fhir' reads local or Hadoop filesystem paths");
    }
    if (scheme != null) {
      return new Path(u).toString();
    }
    if (url.startsWith("/")) {
      return new Path(manifest.toUri().resolve(u)).toString();
    }
    return new Path(manifest.getParent(), url).toString();
  }

  static boolean isNdjson(String name) {
    return name.endsWith(".ndjson") || name.endsWith(".ndjson.gz");
  }

  /** The resource type a file name declares, or null. */
  static String typeFromName(String name) {
    Matcher m = TYPED_NAME.matcher(name);
    return m.matches() ? m.group(1) : null;
  }
}
