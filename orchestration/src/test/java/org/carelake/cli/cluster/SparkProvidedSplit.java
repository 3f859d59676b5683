package org.carelake.cli.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The test classpath split as a cluster sees it: the jars a Spark installation provides (spark-sql and everything it
 * pulls in, per the build's dependency tree), the jars the application ships next to its own classes (Delta, HAPI,
 * UCUM, picocli, ... — what the cluster profile's shaded jar bundles), and Carelake's own class directories.
 */
public record SparkProvidedSplit(List<Path> sparkJars, List<Path> applicationJars, List<Path> carelakeClassDirs) {
  private static final String SPARK_ROOT = "org.apache.spark:spark-sql_";

  /** Reads {@code target/dependency-tree.txt} (written by the build) and the test JVM's classpath. */
  public static SparkProvidedSplit of(Path dependencyTree, String classpath) throws IOException {
    Set<String> spark = new HashSet<>();
    Set<String> shipped = new HashSet<>();
    int sparkDepth = -1;
    List<String> lines = Files.readAllLines(dependencyTree);
    for (String line : lines.subList(1, lines.size())) {
      int start = coordinateStart(line);
      int depth = start / 3;
      String coordinate = line.substring(start).trim();
      if (sparkDepth >= 0 && depth <= sparkDepth) {
        sparkDepth = -1;
      }
      if (coordinate.startsWith(SPARK_ROOT)) {
        sparkDepth = depth;
      }
      String[] p = coordinate.split(":");
      String scope = p[p.length - 1];
      String fileName = p[1] + "-" + p[p.length - 2] + (p.length == 6 ? "-" + p[3] : "") + ".jar";
      if (sparkDepth >= 0) {
        spark.add(fileName);
      } else if (!scope.equals("test") && !p[0].equals("org.carelake")) {
        shipped.add(fileName);
      }
    }
    List<Path> sparkJars = new ArrayList<>();
    List<Path> applicationJars = new ArrayList<>();
    List<Path> classDirs = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      Path p = Path.of(entry).toAbsolutePath();
      String name = p.getFileName().toString();
      if (Files.isDirectory(p) && name.equals("classes")) {
        classDirs.add(p);
      } else if (spark.contains(name)) {
        sparkJars.add(p);
      } else if (shipped.contains(name)) {
        applicationJars.add(p);
      }
    }
    if (sparkJars.size() != spark.size() || applicationJars.size() != shipped.size()) {
      throw new IllegalStateException("the classpath does not match " + dependencyTree + ": found " + sparkJars.size()
          + " of " + spark.size() + " Spark jars and " + applicationJars.size() + " of " + shipped.size()
          + " application jars");
    }
    return new SparkProvidedSplit(sparkJars, applicationJars, classDirs);
  }

  /** Tree lines look like {@code |  +- group:artifact:type[:classifier]:version:scope}. */
  private static int coordinateStart(String line) {
    int i = 0;
    while (i < line.length() && "|+-\\ ".indexOf(line.charAt(i)) >= 0) {
      i++;
    }
    return i;
  }
}
