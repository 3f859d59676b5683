package org.carelake.ingestion.fhir.export;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.carelake.core.Bytes;

/** Files, bytes and throughput of the downloads, printed every couple of seconds while they run. */
final class DownloadProgress implements AutoCloseable {
  private final int totalFiles;
  private final PrintStream out;
  private final AtomicInteger files;
  private final AtomicLong bytes = new AtomicLong();
  private final long start = System.nanoTime();
  private final ScheduledExecutorService timer;

  DownloadProgress(int totalFiles, int alreadyDone, PrintStream out, long intervalMillis) {
    this.totalFiles = totalFiles;
    this.files = new AtomicInteger(alreadyDone);
    this.out = out;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "carelake-export-progress");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(() -> out.println(line()), intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
  }

  void add(long n) {
    bytes.addAndGet(n);
  }

  void fileDone() {
    files.incrementAndGet();
  }

  long bytes() {
    return bytes.get();
  }

  double seconds() {
    return Math.max(1e-3, (System.nanoTime() - start) / 1e9);
  }

  String line() {
    return String.format(Locale.ROOT, "  download: %d/%d files, %s, %.1f MB/s", files.get(), totalFiles,
        Bytes.human(bytes.get()), bytes.get() / 1e6 / seconds());
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
