package org.carelake.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.carelake.ingestion.hl7.Hl7Splitter;
import org.carelake.ingestion.hl7.mllp.LandingDir;
import org.carelake.ingestion.hl7.mllp.MllpClient;
import org.carelake.ingestion.hl7.mllp.MllpTls;

/**
 * Load generator for the MLLP listener: N connections share M messages (realistic ORU^R01 lab results and ADT^A01/A08
 * admissions of 1-2 KB), each connection sending the next message once the previous one is acknowledged (as MLLP
 * senders do; {@code --window W} lets each keep W messages in flight). Measures messages/s and the ACK latency
 * (send to ACK received) percentiles, and checks every ACK is AA for its own control id.
 *
 * <pre>
 * MllpLoad --port N [--host H] [--connections 8] [--messages 200000] [--warmup 5000] [--window 1]
 *          [--truststore F --truststore-password P]
 * MllpLoad verify LANDING_DIR     counts the messages in sealed landing files (each control id must be unique)
 * </pre>
 */
public final class MllpLoad {
  private MllpLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("verify")) {
      verify(Path.of(args[1]));
      return;
    }
    String host = "127.0.0.1";
    int port = -1;
    int connections = 8;
    int messages = 200_000;
    int warmup = 5_000;
    int window = 1;
    Path truststore = null;
    String password = "";
    for (int i = 0; i + 1 < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--host" -> host = v;
        case "--port" -> port = Integer.parseInt(v);
        case "--connections" -> connections = Integer.parseInt(v);
        case "--messages" -> messages = Integer.parseInt(v);
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--window" -> window = Integer.parseInt(v);
        case "--truststore" -> truststore = Path.of(v);
        case "--truststore-password" -> password = v;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (port < 0) {
      System.err.println("usage: MllpLoad --port N [--host H] [--connections 8] [--messages 200000] [--warmup 5000] "
          + "[--window 1] [--truststore F --truststore-password P] | MllpLoad verify LANDING_DIR");
      System.exit(2);
    }
    SSLContext tls = truststore == null ? null : MllpTls.clientContext(truststore, password.toCharArray());
    if (warmup > 0) {
      run(host, port, tls, connections, warmup, window, "W");
    }
    Result r = run(host, port, tls, connections, messages, window, "M");
    long[] lat = r.latencies;
    Arrays.sort(lat);
    double secs = r.nanos / 1e9;
    System.out.printf(Locale.ROOT, "connections %d, window %d, messages %d (%.0f bytes on average), %.2f s%n",
        connections, window, messages, (double) r.bytes / messages, secs);
    System.out.printf(Locale.ROOT, "throughput: %.0f msg/s, %.1f MB/s%n", messages / secs, r.bytes / 1e6 / secs);
    System.out.printf(Locale.ROOT, "ACK latency ms: p50 %.3f, p95 %.3f, p99 %.3f, max %.3f%n", ms(pct(lat, 50)),
        ms(pct(lat, 95)), ms(pct(lat, 99)), ms(lat[lat.length - 1]));
    System.out.printf("ACKs: %d AA for their own control id, %d other%n", r.good, messages - r.good);
    System.out.printf(Locale.ROOT, "RESULT connections=%d window=%d messages=%d avg_bytes=%.0f seconds=%.3f "
            + "msg_per_s=%.0f p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f max_ms=%.3f bad_acks=%d%n", connections, window,
        messages, (double) r.bytes / messages, secs, messages / secs, ms(pct(lat, 50)), ms(pct(lat, 95)),
        ms(pct(lat, 99)), ms(lat[lat.length - 1]), messages - r.good);
    if (r.good != messages) {
      System.exit(1);
    }
  }

  private record Result(long nanos, long[] latencies, long bytes, long good) {}

  private static Result run(String host, int port, SSLContext tls, int connections, int messages, int window,
      String prefix) throws Exception {
    long[] latencies = new long[messages];
    AtomicLong bytes = new AtomicLong();
    AtomicLong good = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int c = 0; c < connections; c++) {
      // Connection c sends messages c, c + N, c + 2N, ...: its latencies go to those slots.
      int conn = c;
      Thread t = new Thread(() -> {
        try (MllpClient cl = MllpClient.connect(host, port, tls, Duration.ofSeconds(60))) {
          Sender s = new Sender(cl, prefix + conn + "-", latencies, conn, connections, messages, window);
          s.run();
          bytes.addAndGet(s.bytes);
          good.addAndGet(s.good);
        } catch (Throwable e) {
          synchronized (errors) {
            errors.add(e);
          }
        }
      }, "load-" + c);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    long nanos = System.nanoTime() - t0;
    if (!errors.isEmpty()) {
      throw new IOException("a connection failed: " + errors.get(0), errors.get(0));
    }
    return new Result(nanos, latencies, bytes.get(), good.get());
  }

  /** One connection's sends, with up to {@code window} messages waiting for their ACK. */
  private static final class Sender {
    private final MllpClient client;
    private final String idPrefix;
    private final long[] latencies;
    private final int first;
    private final int step;
    private final int total;
    private final int window;
    long bytes;
    long good;

    Sender(MllpClient client, String idPrefix, long[] latencies, int first, int step, int total, int window) {
      this.client = client;
      this.idPrefix = idPrefix;
      this.latencies = latencies;
      this.first = first;
      this.step = step;
      this.total = total;
      this.window = window;
    }

    void run() throws IOException {
      // Templates cut around the control id: building each message from scratch would cost the load generator more
      // CPU than the listener spends on it, on the same cores.
      byte[][][] templates = new byte[64][][];
      for (int t = 0; t < templates.length; t++) {
        String m = SampleMessages.message(first + t * step, "\u0000");
        int at = m.indexOf('\u0000');
        templates[t] = new byte[][] {m.substring(0, at).getBytes(StandardCharsets.UTF_8),
            m.substring(at + 1).getBytes(StandardCharsets.UTF_8)};
      }
      int[] slots = new int[window];
      long[] sentAt = new long[window];
      String[] ids = new String[window];
      int sent = 0;
      int answered = 0;
      int slot = first;
      while (answered < sent || slot < total) {
        while (sent - answered < window && slot < total) {
          String id = idPrefix + slot;
          byte[][] t = templates[(slot / step) % templates.length];
          byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
          byte[] m = new byte[t[0].length + idBytes.length + t[1].length];
          System.arraycopy(t[0], 0, m, 0, t[0].length);
          System.arraycopy(idBytes, 0, m, t[0].length, idBytes.length);
          System.arraycopy(t[1], 0, m, t[0].length + idBytes.length, t[1].length);
          int k = sent % window;
          slots[k] = slot;
          ids[k] = id;
          sentAt[k] = System.nanoTime();
          client.sendPayload(m);
          bytes += m.length;
          sent++;
          slot += step;
        }
        client.flush();
        String ack = client.receive();
        long now = System.nanoTime();
        if (ack == null) {
          throw new IOException("the listener closed the connection");
        }
        int k = answered % window;
        latencies[slots[k]] = now - sentAt[k];
        if (ack.contains("\rMSA|AA|" + ids[k] + "\r") || ack.contains("\rMSA|AA|" + ids[k] + "|")) {
          good++;
        }
        answered++;
      }
    }
  }

  private static long pct(long[] sorted, double p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** Counts what the batch ingest will find in the sealed landing files. */
  private static void verify(Path dir) throws IOException {
    long[] counts = new long[2];
    Set<String> ids = new HashSet<>();
    long[] duplicates = new long[1];
    List<Path> files = LandingDir.sealedFiles(dir);
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
      try (InputStream in = Files.newInputStream(f)) {
        new Hl7Splitter(64 << 20, u -> {
          if (u.accepted()) {
            counts[0]++;
            if (!ids.add(u.message().header().controlId())) {
              duplicates[0]++;
            }
          } else {
            counts[1]++;
          }
        }).split(in);
      }
    }
    System.out.printf("VERIFY files=%d open_files=%d bytes=%d accepted=%d rejected=%d duplicate_ids=%d%n", files.size(),
        LandingDir.openFiles(dir).size(), bytes, counts[0], counts[1], duplicates[0]);
  }
}
