package org.carelake.orchestration.quality;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.carelake.core.Lakehouse;
import org.carelake.marts.ClasspathText;

/**
 * The gates: one SQL file each, the shipped ones under {@code quality/gates/} on the classpath (listed by INDEX),
 * then the user's own {@code *.sql} files from the directory set by {@value QualityTask#CONF_DIR}.
 */
public final class QualityGates {
  private static final String DIR = "/quality/gates/";

  private QualityGates() {}

  public static List<QualityGate> load(Lakehouse lh) {
    List<QualityGate> gates = new ArrayList<>(shipped());
    String dir = lh.spark().conf().get(QualityTask.CONF_DIR, null);
    if (dir != null && !dir.isBlank()) {
      gates.addAll(fromDirectory(lh, dir));
    }
    return gates;
  }

  public static List<QualityGate> shipped() {
    List<QualityGate> gates = new ArrayList<>();
    for (String line : ClasspathText.read(DIR + "INDEX").split("\n")) {
      String file = line.strip();
      if (!file.isEmpty() && !file.startsWith("#")) {
        gates.add(QualityGate.parse(file.replaceAll("\\.sql$", ""), ClasspathText.read(DIR + file)));
      }
    }
    return gates;
  }

  private static List<QualityGate> fromDirectory(Lakehouse lh, String dir) {
    Path p = new Path(dir);
    try {
      FileSystem fs = p.getFileSystem(lh.spark().sparkContext().hadoopConfiguration());
      FileStatus[] files = fs.listStatus(p, f -> f.getName().endsWith(".sql"));
      Arrays.sort(files);
      List<QualityGate> gates = new ArrayList<>();
      for (FileStatus f : files) {
        try (InputStream in = fs.open(f.getPath())) {
          String name = f.getPath().getName().replaceAll("\\.sql$", "");
          gates.add(QualityGate.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
      }
      return gates;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read quality gates from " + dir, e);
    }
  }
}
