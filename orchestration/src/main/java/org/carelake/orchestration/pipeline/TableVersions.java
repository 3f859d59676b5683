package org.carelake.orchestration.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.carelake.core.Lakehouse;
import org.carelake.core.TableName;

/**
 * The Delta version of every table in the lakehouse at one moment, read from the tables' transaction logs (a
 * directory listing each, no Spark job). Versions are the pipeline's watermarks: a task whose input tables still have
 * the versions they had after its last successful run has nothing new to do, and the tables whose version moved while
 * a task ran are its outputs (one writer at a time).
 */
public final class TableVersions {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<TableName, Long> versions;

  private TableVersions(Map<TableName, Long> versions) {
    this.versions = Collections.unmodifiableMap(versions);
  }

  public static TableVersions of(Lakehouse lh) {
    Map<TableName, Long> v = new LinkedHashMap<>();
    for (TableName t : lh.discover()) {
      long version = lh.latestVersion(t);
      if (version >= 0) {
        v.put(t, version);
      }
    }
    return new TableVersions(v);
  }

  public Map<TableName, Long> asMap() {
    return versions;
  }

  /** -1 when the table does not exist. */
  public long version(TableName t) {
    return versions.getOrDefault(t, -1L);
  }

  /** Tables created or committed to since {@code before}. */
  public List<TableName> changedSince(TableVersions before) {
    List<TableName> out = new ArrayList<>();
    versions.forEach((t, v) -> {
      if (v != before.version(t)) {
        out.add(t);
      }
    });
    return out;
  }

  /**
   * Rows written to a table by the commits after {@code fromVersion} up to {@code toVersion}, from the operation
   * metrics Delta records in each commit (rows written by appends and overwrites; rows inserted, updated or deleted
   * by merges, updates and deletes).
   */
  static long rowsWritten(Lakehouse lh, TableName t, long fromVersion, long toVersion) {
    long rows = 0;
    try {
      FileSystem fs = new Path(lh.path(t)).getFileSystem(lh.spark().sparkContext().hadoopConfiguration());
      for (long v = Math.max(0, fromVersion + 1); v <= toVersion; v++) {
        Path commit = new Path(lh.path(t), String.format("_delta_log/%020d.json", v));
        if (!fs.exists(commit)) {
          continue; // cleaned up by log retention: its metrics are gone
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(commit), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            JsonNode metrics = JSON.readTree(line).path("commitInfo").path("operationMetrics");
            rows += changedRows(metrics);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Delta log of " + t, e);
    }
    return rows;
  }

  /** A merge also reports the unchanged rows it copied as output rows: count only what it changed. */
  private static long changedRows(JsonNode metrics) {
    if (metrics.has("numTargetRowsInserted")) {
      return metric(metrics, "numTargetRowsInserted") + metric(metrics, "numTargetRowsUpdated")
          + metric(metrics, "numTargetRowsDeleted");
    }
    if (metrics.has("numUpdatedRows") || metrics.has("numDeletedRows")) {
      return metric(metrics, "numUpdatedRows") + metric(metrics, "numDeletedRows");
    }
    return metric(metrics, "numOutputRows");
  }

  private static long metric(JsonNode metrics, String name) {
    JsonNode n = metrics.get(name);
    return n == null ? 0 : Long.parseLong(n.asText("0"));
  }
}
