package org.carelake.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One writer at a time per lakehouse: an exclusively created lock file under {@code <root>/_ops}. A lock left by a
 * process that died on this host is taken over; one held by a live process (or another host) is reported.
 */
public final class WriterLock implements AutoCloseable {
  private final FileSystem fs;
  private final Path path;

  private WriterLock(FileSystem fs, Path path) {
    this.fs = fs;
    this.path = path;
  }

  public static WriterLock acquire(Lakehouse lh, String what) {
    Path path = new Path(lh.root() + "/_ops/writer.lock");
    try {
      FileSystem fs = path.getFileSystem(lh.spark().sparkContext().hadoopConfiguration());
      String me = host() + " " + ProcessHandle.current().pid() + " " + Instant.now() + " " + what;
      for (int attempt = 0; attempt < 2; attempt++) {
        try (OutputStream out = fs.create(path, false)) {
          out.write(me.getBytes(StandardCharsets.UTF_8));
          return new WriterLock(fs, path);
        } catch (IOException exists) {
          String holder = read(fs, path);
          if (holder != null && isStaleOnThisHost(holder)) {
            fs.delete(path, false);
            continue;
          }
          if (holder == null && attempt == 0) {
            continue;
          }
          throw new IllegalStateException("another Carelake writer holds " + path + " (" + holder + "); wait for it"
              + " to finish, or delete the file if that process is gone");
        }
      }
      throw new IllegalStateException("could not take the writer lock " + path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isStaleOnThisHost(String holder) {
    String[] parts = holder.split(" ", 3);
    if (parts.length < 2 || !parts[0].equals(host())) {
      return false;
    }
    try {
      long pid = Long.parseLong(parts[1]);
      return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String read(FileSystem fs, Path path) {
    try (InputStream in = fs.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  @Override
  public void close() {
    try {
      fs.delete(path, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
