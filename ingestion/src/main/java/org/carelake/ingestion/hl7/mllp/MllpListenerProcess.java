package org.carelake.ingestion.hl7.mllp;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a listener in the foreground of a process: prints where it listens, a stats line every interval while there is
 * traffic, and a last line when it stops. SIGTERM and SIGINT (a shutdown hook) close it gracefully.
 */
public final class MllpListenerProcess {
  private final MllpListener listener;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private MllpStats.Snapshot last;
  private long lastNanos = startNanos;
  private boolean reported;

  private MllpListenerProcess(MllpListener listener, PrintStream out) {
    this.listener = listener;
    this.out = out;
    this.last = listener.stats().snapshot();
  }

  /** Starts the listener and blocks until it is closed; returns its final counters. */
  public static MllpStats.Snapshot run(MllpOptions options, PrintStream out, Duration statsEvery)
      throws IOException, InterruptedException {
    MllpListener l = MllpListener.start(options);
    MllpListenerProcess p = new MllpListenerProcess(l, out);
    out.println("listening on " + l.address() + (l.tls() ? " (TLS)" : "") + ", landing in " + l.landingDir());
    out.flush();
    Thread hook = new Thread(() -> {
      l.close();
      p.reportFinal();
    }, "mllp-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mllp-stats");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(1, statsEvery.toMillis());
    timer.scheduleAtFixedRate(p::reportPeriodic, every, every, TimeUnit.MILLISECONDS);
    try {
      l.awaitClosed();
    } finally {
      timer.shutdownNow();
    }
    p.reportFinal();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook is what closed the listener
    }
    return l.stats().snapshot();
  }

  private synchronized void reportPeriodic() {
    MllpStats.Snapshot now = listener.stats().snapshot();
    long t = System.nanoTime();
    if (now.messages() != last.messages() || now.connections() != last.connections()) {
      String line = MllpStats.line(last, now, (t - lastNanos) / 1e9);
      out.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
      out.flush();
    }
    last = now;
    lastNanos = t;
  }

  private synchronized void reportFinal() {
    if (reported) {
      return;
    }
    reported = true;
    MllpStats.Snapshot start = new MllpStats.Snapshot(0, 0, 0, 0, 0, 0, 0, 0, 0);
    MllpStats.Snapshot now = listener.stats().snapshot();
    LandingWriter w = listener.landing();
    out.println("stopped: " + MllpStats.line(start, now, (System.nanoTime() - startNanos) / 1e9) + "; "
        + w.fsyncs() + " fsyncs, " + w.sealedFiles() + " landing file(s) sealed in " + listener.landingDir());
    out.flush();
  }
}
