package org.carelake.ingestion.hl7;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The files an {@code ingest hl7} argument list names, in a stable order. */
final class Hl7Inputs {
  private Hl7Inputs() {}

  static List<Hl7Input> resolve(List<String> locations, Configuration conf) throws IOException {
    List<Hl7Input> out = new ArrayList<>();
    for (String loc : locations) {
      Path p = new Path(loc);
      FileSystem fs = p.getFileSystem(conf);
      FileStatus st;
      try {
        st = fs.getFileStatus(p);
      } catch (FileNotFoundException e) {
        throw new IllegalArgumentException("no such file or directory: " + loc);
      }
      List<Hl7Input> found = new ArrayList<>();
      collect(fs, st, found, true);
      found.sort(Comparator.comparing(Hl7Input::uri));
      out.addAll(found);
    }
    return out;
  }

  private static void collect(FileSystem fs, FileStatus st, List<Hl7Input> out, boolean named) throws IOException {
    String name = st.getPath().getName();
    // Hidden and Hadoop/Spark marker files are not input; unsealed landing files are still being written.
    if (!named && (name.startsWith(".") || name.startsWith("_") || name.endsWith(LandingNames.OPEN))) {
      return;
    }
    if (st.isDirectory()) {
      for (FileStatus c : fs.listStatus(st.getPath())) {
        collect(fs, c, out, false);
      }
    } else {
      out.add(new Hl7Input(st.getPath().toString(), LandingNames.receivedAt(name, st.getModificationTime())));
    }
  }
}
