package org.carelake.core;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the lakehouse lives and how Spark runs. Resolution order for each setting: explicit value (command line),
 * then environment ({@code CARELAKE_HOME}, {@code CARELAKE_MASTER}), then the embedded default.
 */
public final class CarelakeConfig {
  private final String lakehouseRoot;
  private final String master;
  private final int shufflePartitions;
  private final Map<String, String> sparkConf;

  private CarelakeConfig(String lakehouseRoot, String master, int shufflePartitions, Map<String, String> sparkConf) {
    this.lakehouseRoot = lakehouseRoot;
    this.master = master;
    this.shufflePartitions = shufflePartitions;
    this.sparkConf = Map.copyOf(sparkConf);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The lakehouse root as a Hadoop filesystem URI (file:, hdfs:, s3a:, abfss:, ...). */
  public String lakehouseRoot() {
    return lakehouseRoot;
  }

  /** The Spark master, or null when an outer launcher (spark-submit) already chose one. */
  public String master() {
    return master;
  }

  public int shufflePartitions() {
    return shufflePartitions;
  }

  public Map<String, String> sparkConf() {
    return sparkConf;
  }

  /**
   * Turns a user-given location into a URI string: values with a scheme pass through; plain paths become absolute
   * {@code file:} URIs so that executors on other hosts never resolve them against their own working directory.
   */
  public static String toUri(String location) {
    Objects.requireNonNull(location, "location");
    if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !location.matches("^[a-zA-Z]:\\\\.*")) {
      return location.endsWith("/") && location.length() > 1 && !location.endsWith(":/")
          ? location.substring(0, location.length() - 1) : location;
    }
    // Unescaped on purpose: Hadoop's Path takes "file:/a b" literally, while "%20" would name another folder.
    String abs = Path.of(location).toAbsolutePath().normalize().toString().replace('\\', '/');
    return "file:" + (abs.startsWith("/") ? "" : "/") + abs;
  }

  /**
   * The local directory a location names (a plain path, or a {@code file:} URI without a host or with localhost);
   * null for any other filesystem. For what must be fsynced on this machine (MLLP landing, the audit journal).
   */
  public static Path localDirectory(String location) {
    String s = location;
    if (s.regionMatches(true, 0, "file:", 0, 5)) {
      s = s.substring(5);
      if (s.startsWith("//")) {
        int slash = s.indexOf('/', 2);
        String host = slash < 0 ? s.substring(2) : s.substring(2, slash);
        if (!host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
          return null;
        }
        s = slash < 0 ? "/" : s.substring(slash);
      }
      return Path.of(s);
    }
    return s.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") ? null : Path.of(s);
  }

  public static final class Builder {
    private String lakehouse;
    private String master;
    private Integer shufflePartitions;
    private final Map<String, String> sparkConf = new LinkedHashMap<>();

    public Builder lakehouse(String location) {
      this.lakehouse = location;
      return this;
    }

    public Builder master(String master) {
      this.master = master;
      return this;
    }

    public Builder shufflePartitions(int n) {
      this.shufflePartitions = n;
      return this;
    }

    public Builder spark(String key, String value) {
      sparkConf.put(key, value);
      return this;
    }

    public CarelakeConfig build() {
      String root = lakehouse != null ? lakehouse : env("CARELAKE_HOME", "lakehouse");
      // Under spark-submit the master comes from the submitter; only default to local when nobody set one.
      String m = master != null ? master : env("CARELAKE_MASTER", System.getProperty("spark.master") == null ? "local[*]" : null);
      int cores = Runtime.getRuntime().availableProcessors();
      int partitions = shufflePartitions != null ? shufflePartitions
          : Integer.parseInt(env("CARELAKE_SHUFFLE_PARTITIONS", String.valueOf(Math.max(4, cores * 2))));
      return new CarelakeConfig(toUri(root), m, partitions, sparkConf);
    }

    private static String env(String name, String fallback) {
      String v = System.getenv(name);
      return v == null || v.isBlank() ? fallback : v;
    }
  }
}
