package org.carelake.ingestion.hl7.mllp;

import static org.carelake.ingestion.hl7.mllp.MllpFixtures.field;
import static org.carelake.ingestion.hl7.mllp.MllpFixtures.oru;
import static org.carelake.ingestion.hl7.mllp.MllpFixtures.readLanding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.carelake.ingestion.hl7.Hl7Unit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability guarantee: a listener process killed with SIGKILL under load loses no acknowledged message. After a
 * restart on the same directory every acknowledged message is in the sealed landing files exactly once.
 */
class MllpCrashTest {
  @TempDir
  Path tmp;

  /** A listener in its own JVM; {@link #port} is read from its "listening on" line. */
  private static final class ListenerProcess {
    final Process process;
    final int port;
    final List<String> output = new ArrayList<>();
    final Thread drain;

    ListenerProcess(Path dir) throws IOException {
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      process = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:+UseSerialGC", "-cp",
          System.getProperty("java.class.path"), MllpListenerMain.class.getName(), "--dir", dir.toString(),
          "--bind", "127.0.0.1", "--port", "0", "--rotate-mb", "1", "--stats-seconds", "3600")
          .redirectErrorStream(true).start();
      BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      int p = -1;
      String line;
      while ((line = r.readLine()) != null) {
        output.add(line);
        if (line.startsWith("listening on ")) {
          String addr = line.substring("listening on ".length(), line.indexOf(','));
          p = Integer.parseInt(addr.substring(addr.lastIndexOf(':') + 1));
          break;
        }
      }
      if (p < 0) {
        process.destroyForcibly();
        throw new IOException("the listener did not start: " + output);
      }
      port = p;
      drain = new Thread(() -> {
        try {
          String l;
          while ((l = r.readLine()) != null) {
            synchronized (output) {
              output.add(l);
            }
          }
        } catch (IOException e) {
          // the process is gone
        }
      });
      drain.setDaemon(true);
      drain.start();
    }
  }

  @Test
  void everyAcknowledgedMessageSurvivesSigkill() throws Exception {
    Path dir = tmp.resolve("landing");
    ListenerProcess first = new ListenerProcess(dir);
    Set<String> acked = ConcurrentHashMap.newKeySet();
    AtomicInteger sent = new AtomicInteger();
    int clients = 8;
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int conn = c;
      Thread t = new Thread(() -> {
        try (MllpClient cl = MllpClient.connect("127.0.0.1", first.port, null, Duration.ofSeconds(10))) {
          for (int i = 0; ; i++) {
            String id = "K" + conn + "-" + i;
            sent.incrementAndGet();
            String ack = cl.call(oru(id));
            if (ack == null) {
              return;
            }
            assertEquals("AA", field(ack, "MSA", 1));
            assertEquals(id, field(ack, "MSA", 2));
            acked.add(id);
          }
        } catch (IOException e) {
          // the listener was killed
        }
      });
      t.start();
      threads.add(t);
    }
    // Kill it in the middle of the load, once a good number of messages is acknowledged.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (acked.size() < 3000 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    first.process.destroyForcibly();
    assertTrue(first.process.waitFor(10, TimeUnit.SECONDS));
    for (Thread t : threads) {
      t.join(10_000);
    }
    Set<String> ackedBeforeKill = Set.copyOf(acked);
    assertTrue(ackedBeforeKill.size() >= 1000, "load before the kill: " + ackedBeforeKill.size());
    assertTrue(sent.get() > ackedBeforeKill.size() || sent.get() == ackedBeforeKill.size());

    // The restart recovers the .open file the kill left; SIGTERM then stops it gracefully.
    ListenerProcess second = new ListenerProcess(dir);
    try (MllpClient cl = MllpClient.connect("127.0.0.1", second.port, null, Duration.ofSeconds(10))) {
      assertEquals("AA", field(cl.call(oru("AFTER")), "MSA", 1));
    }
    // SIGTERM through the handle: Process.destroy() would also close our end of its output.
    second.process.toHandle().destroy();
    assertTrue(second.process.waitFor(20, TimeUnit.SECONDS));
    second.drain.join(10_000);
    synchronized (second.output) {
      assertTrue(second.output.stream().anyMatch(l -> l.startsWith("recovered ")), second.output.toString());
      assertTrue(second.output.stream().anyMatch(l -> l.startsWith("stopped: ")), second.output.toString());
    }

    assertTrue(LandingDir.openFiles(dir).isEmpty(), "no .open file is left");
    Map<String, Integer> landed = new HashMap<>();
    for (Hl7Unit u : readLanding(dir)) {
      assertTrue(u.accepted(), () -> "a landed unit was rejected (torn frame?): " + u.detail());
      landed.merge(u.message().header().controlId(), 1, Integer::sum);
    }
    for (String id : ackedBeforeKill) {
      assertEquals(1, landed.getOrDefault(id, 0), "acknowledged message " + id + " is landed exactly once");
    }
    assertEquals(1, landed.get("AFTER"));
    System.out.printf("crash test: %d sent, %d acknowledged before SIGKILL, %d landed (+1 after restart)%n",
        sent.get(), ackedBeforeKill.size(), landed.size() - 1);
    assertTrue(landed.values().stream().allMatch(n -> n == 1), "no message is landed twice");
    // Unacknowledged messages may or may not be there, but never more than were in flight (one per client).
    assertTrue(landed.size() - 1 - ackedBeforeKill.size() <= clients,
        "landed " + landed.size() + ", acknowledged " + ackedBeforeKill.size());

    // Into bronze, twice (a re-run of the ingest): every acknowledged message is there exactly once.
    org.carelake.core.Lakehouse lh = org.carelake.core.SharedSpark.freshLakehouse("mllp-crash");
    for (int run = 0; run < 2; run++) {
      new org.carelake.ingestion.hl7.Hl7BatchIngest(lh, org.carelake.ingestion.hl7.Hl7BatchIngest.Options.defaults(
          "adt", new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))).run(List.of(dir.toString()));
    }
    Map<String, Long> inBronze = new HashMap<>();
    for (org.apache.spark.sql.Row r : lh.sql("SELECT control_id, count(*) FROM bronze.hl7v2_message GROUP BY 1")
        .collectAsList()) {
      inBronze.put(r.getString(0), r.getLong(1));
    }
    for (String id : ackedBeforeKill) {
      assertEquals(1L, inBronze.getOrDefault(id, 0L), "acknowledged message " + id + " is in bronze exactly once");
    }
    assertEquals(landed.size(), inBronze.size());
  }
}
