package org.carelake.ingestion.hl7;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.carelake.core.Lakehouse;

/**
 * The MLLP listener's landing folders as the batch ingest finds them, on any Hadoop filesystem (names: {@link
 * LandingNames}).
 */
public final class LandingFolders {
  private LandingFolders() {}

  public static String root(Lakehouse lh) {
    return lh.root() + "/" + LandingNames.FOLDER;
  }

  /** Source name -> its landing folder URI, for every folder present. */
  public static Map<String, String> list(Lakehouse lh) throws IOException {
    Map<String, String> out = new TreeMap<>();
    Path root = new Path(root(lh));
    FileSystem fs = root.getFileSystem(lh.spark().sparkContext().hadoopConfiguration());
    if (!fs.exists(root)) {
      return out;
    }
    for (FileStatus st : fs.listStatus(root)) {
      if (st.isDirectory() && !st.getPath().getName().startsWith(".")) {
        out.put(st.getPath().getName(), st.getPath().toString());
      }
    }
    return out;
  }
}
