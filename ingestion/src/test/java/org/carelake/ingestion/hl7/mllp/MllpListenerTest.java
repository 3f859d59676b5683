package org.carelake.ingestion.hl7.mllp;

import static org.carelake.ingestion.hl7.mllp.MllpFixtures.adt;
import static org.carelake.ingestion.hl7.mllp.MllpFixtures.field;
import static org.carelake.ingestion.hl7.mllp.MllpFixtures.oru;
import static org.carelake.ingestion.hl7.mllp.MllpFixtures.readLanding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.carelake.ingestion.hl7.Hl7Reject;
import org.carelake.ingestion.hl7.Hl7Unit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MllpListenerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir
  Path tmp;

  private final List<String> log = new ArrayList<>();
  private MllpListener listener;

  private MllpListener start(MllpOptions o) throws IOException {
    listener = MllpListener.start(o);
    return listener;
  }

  private MllpOptions options() {
    return MllpOptions.defaults(tmp.resolve("landing")).withBind("127.0.0.1").withPort(0).withLog(m -> {
      synchronized (log) {
        log.add(m);
      }
    });
  }

  private MllpClient client() throws IOException {
    return MllpClient.connect("127.0.0.1", listener.port(), null, TIMEOUT);
  }

  @AfterEach
  void stop() {
    if (listener != null) {
      listener.close();
    }
  }

  @Test
  void concurrentClientsAreAllAcknowledgedAndLandedExactlyOnce() throws Exception {
    start(options().withRotation(256 << 10, Duration.ofSeconds(10)));
    int connections = 8;
    int perConnection = 200;
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    List<Future<Integer>> results = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      int conn = c;
      results.add(pool.submit(() -> {
        try (MllpClient cl = client()) {
          for (int i = 0; i < perConnection; i++) {
            String id = "C" + conn + "-" + i;
            String ack = cl.call(oru(id));
            assertEquals("AA", field(ack, "MSA", 1), ack);
            assertEquals(id, field(ack, "MSA", 2), ack);
          }
        }
        return perConnection;
      }));
    }
    int acked = 0;
    for (Future<Integer> f : results) {
      acked += f.get();
    }
    pool.shutdown();
    assertEquals(connections * perConnection, acked);
    assertEquals(acked, listener.stats().snapshot().accepted());
    listener.close();

    Path dir = listener.landingDir();
    assertTrue(LandingDir.openFiles(dir).isEmpty(), "close() seals every file");
    assertTrue(LandingDir.sealedFiles(dir).size() > 1, "256 KB rotation gives several files");
    Map<String, Integer> seen = new HashMap<>();
    for (Hl7Unit u : readLanding(dir)) {
      assertTrue(u.accepted(), () -> "landed unit rejected: " + u.detail());
      seen.merge(u.message().header().controlId(), 1, Integer::sum);
    }
    assertEquals(connections * perConnection, seen.size());
    assertTrue(seen.values().stream().allMatch(n -> n == 1), "every message exactly once");
  }

  @Test
  void acknowledgmentAnswersTheMessageHeader() throws Exception {
    start(options());
    try (MllpClient c = client()) {
      String ack = c.call(oru("CTRL-1"));
      assertEquals("^~\\&", field(ack, "MSH", 2));
      assertEquals("CARELAKE", field(ack, "MSH", 3));
      assertEquals("CL_FAC", field(ack, "MSH", 4));
      assertEquals("LAB", field(ack, "MSH", 5));
      assertEquals("NORTH_HOSP", field(ack, "MSH", 6));
      assertTrue(field(ack, "MSH", 7).matches("\\d{14}\\.\\d{3}\\+0000"), ack);
      assertEquals("ACK^R01^ACK", field(ack, "MSH", 9));
      assertFalse(field(ack, "MSH", 10).isEmpty());
      assertFalse(field(ack, "MSH", 10).equals("CTRL-1"));
      assertEquals("P", field(ack, "MSH", 11));
      assertEquals("2.5.1", field(ack, "MSH", 12));
      assertEquals("AA", field(ack, "MSA", 1));
      assertEquals("CTRL-1", field(ack, "MSA", 2));
      assertNull(MllpFixtures.segment(ack, "ERR"));
      // Control ids of ACKs are unique.
      String second = c.call(oru("CTRL-2"));
      assertFalse(field(ack, "MSH", 10).equals(field(second, "MSH", 10)));
    }
  }

  @Test
  void acknowledgmentUsesTheMessagesOwnDelimiters() throws Exception {
    start(options());
    try (MllpClient c = client()) {
      String msg = "MSH#$~\\&#APP#FAC#RAPP#RFAC#20260101##ORU$R01#ID7#P#2.4\rPID#1##123\r";
      String ack = c.call(msg);
      assertTrue(ack.startsWith("MSH#$~\\&#RAPP#RFAC#APP#FAC#"), ack);
      assertTrue(ack.contains("#ACK$R01$ACK#"), ack);
      assertTrue(ack.contains("\rMSA#AA#ID7\r"), ack);
    }
  }

  @Test
  void pipelinedMessagesAreAnsweredInOrder() throws Exception {
    start(options());
    try (MllpClient c = client()) {
      for (int i = 0; i < 50; i++) {
        c.sendPayload(oru("P" + i).getBytes(StandardCharsets.UTF_8));
      }
      c.flush();
      for (int i = 0; i < 50; i++) {
        String ack = c.receive();
        assertEquals("P" + i, field(ack, "MSA", 2));
        assertEquals("AA", field(ack, "MSA", 1));
      }
    }
  }

  @Test
  void junkBetweenFramesIsSkippedAndAMissingTrailingCrIsTolerated() throws Exception {
    start(options());
    try (MllpClient c = client()) {
      c.sendRaw(("\r\nnoise\u000b" + oru("J1") + "\u001c").getBytes(StandardCharsets.UTF_8));
      assertEquals("J1", field(c.receive(), "MSA", 2));
      // A start block inside a frame abandons the frame cut short.
      c.sendRaw(("\u000bMSH|^~\\&|A|B|C|D|2026||ADT^A01|CUT|P|2.5\r\u000b" + oru("J2") + "\u001c\r")
          .getBytes(StandardCharsets.UTF_8));
      assertEquals("J2", field(c.receive(), "MSA", 2));
    }
    listener.close();
    List<String> ids = new ArrayList<>();
    for (Hl7Unit u : readLanding(listener.landingDir())) {
      ids.add(u.message().header().controlId());
    }
    assertEquals(List.of("J1", "J2"), ids);
  }

  @Test
  void garbageWithoutReadableHeaderGetsDefaultRejectWithEmptyMsa2() throws Exception {
    start(options());
    try (MllpClient c = client()) {
      String ack = c.call("hello, this is not HL7");
      assertTrue(ack.startsWith("MSH|^~\\&|"), ack);
      assertEquals("ACK", field(ack, "MSH", 9));
      assertEquals("AR", field(ack, "MSA", 1));
      assertEquals("", field(ack, "MSA", 2));
      assertEquals("100^Segment sequence error^HL70357", field(ack, "ERR", 3));
      assertEquals("E", field(ack, "ERR", 4));
      assertTrue(field(ack, "ERR", 8).contains("MSH"), ack);

      ack = c.call("PID|1||123\rPV1|1|O\r");
      assertEquals("AR", field(ack, "MSA", 1));
      assertEquals("", field(ack, "MSA", 2));
      assertTrue(field(ack, "ERR", 8).contains("Segment received before message header"), ack);

      ack = c.call("MSH|^^\\&|APP|FAC|||2026||ADT^A01|BADSEP|P|2.5\r");
      assertEquals("AR", field(ack, "MSA", 1));
      assertEquals("", field(ack, "MSA", 2));
      assertTrue(field(ack, "ERR", 3).startsWith("102^"), ack);
      assertTrue(field(ack, "ERR", 8).contains("appears twice"), ack);
    }
  }

  @Test
  void emptyMessageTypeIsRejectedWithErrSegmentByVersion() throws Exception {
    start(options());
    try (MllpClient c = client()) {
      String ack = c.call("MSH|^~\\&|APP|FAC|RAPP|RFAC|20260101|||NOTYPE|P|2.5.1\rPID|1\r");
      assertEquals("AR", field(ack, "MSA", 1));
      assertEquals("NOTYPE", field(ack, "MSA", 2));
      assertEquals("ACK", field(ack, "MSH", 9));
      assertEquals("MSH^1^9", field(ack, "ERR", 2));
      assertEquals("101^Required field missing^HL70357", field(ack, "ERR", 3));
      assertEquals("E", field(ack, "ERR", 4));
      assertTrue(field(ack, "ERR", 8).contains("MSH-9"), ack);

      // Before v2.5: ERR-1 (segment^sequence^field^code&text&table) and MSA-3.
      ack = c.call("MSH|^~\\&|APP|FAC|RAPP|RFAC|20260101|||OLD1|P|2.3\rPID|1\r");
      assertEquals("AR", field(ack, "MSA", 1));
      assertEquals("OLD1", field(ack, "MSA", 2));
      assertTrue(field(ack, "MSA", 3).contains("MSH-9"), ack);
      assertEquals("MSH^1^9^101&Required field missing&HL70357", field(ack, "ERR", 1));
    }
    listener.close();
    // Rejected messages are landed too: the batch ingest quarantines them with the same reason.
    List<Hl7Unit> units = readLanding(listener.landingDir());
    assertEquals(2, units.size());
    assertTrue(units.stream().allMatch(u -> u.reject() == Hl7Reject.MISSING_MESSAGE_TYPE));
  }

  @Test
  void messagesThatCannotBeStoredAreAnsweredButNotLanded() throws Exception {
    start(options().withLimits(4000, 16));
    try (MllpClient c = client()) {
      String big = oru("BIG") + "NTE|1||" + "x".repeat(5000) + "\r";
      String ack = c.call(big);
      assertEquals("AE", field(ack, "MSA", 1));
      assertEquals("BIG", field(ack, "MSA", 2));
      assertTrue(field(ack, "ERR", 3).startsWith("207^"), ack);
      assertTrue(field(ack, "ERR", 8).contains("longer than"), ack);

      ack = c.call(oru("NUL").replace("Glucose", "Glu\u0000cose"));
      assertEquals("AE", field(ack, "MSA", 1));
      assertEquals("NUL", field(ack, "MSA", 2));
      assertTrue(field(ack, "ERR", 8).contains("NUL"), ack);

      // The connection goes on.
      assertEquals("AA", field(c.call(oru("OK")), "MSA", 1));
    }
    listener.close();
    List<Hl7Unit> units = readLanding(listener.landingDir());
    assertEquals(1, units.size());
    assertEquals("OK", units.get(0).message().header().controlId());
    MllpStats.Snapshot s = listener.stats().snapshot();
    assertEquals(3, s.messages());
    assertEquals(2, s.rejected());
    assertEquals(2, s.notStored());
  }

  @Test
  void aFrameWithTwoMessagesGetsAnError() throws Exception {
    start(options());
    try (MllpClient c = client()) {
      String ack = c.call(oru("TWO-A") + oru("TWO-B"));
      assertEquals("AE", field(ack, "MSA", 1));
      assertEquals("TWO-A", field(ack, "MSA", 2));
      assertTrue(field(ack, "ERR", 8).contains("2 messages"), ack);
    }
  }

  @Test
  void enhancedModeSendsCommitAcknowledgmentsAsMsh15Asks() throws Exception {
    start(options());
    try (MllpClient c = client()) {
      String ack = c.call(adt("AL1", "2.5", "|||AL|NE"));
      assertEquals("CA", field(ack, "MSA", 1));
      assertEquals("AL1", field(ack, "MSA", 2));

      // NE: nothing comes back; the next reply is for the next message.
      c.send(adt("NE1", "2.5", "|||NE|AL"));
      // SU: only on success.
      c.send(adt("SU1", "2.5", "|||SU|NE"));
      ack = c.receive();
      assertEquals("SU1", field(ack, "MSA", 2));
      assertEquals("CA", field(ack, "MSA", 1));

      // ER: nothing on success, a commit reject on a problem.
      c.send(adt("ER1", "2.5", "|||ER|NE"));
      c.send("MSH|^~\\&|ADT1|MCM|LABADT|MCM|2026|||ER2|P|2.5|||ER|NE\rPID|1\r");
      ack = c.receive();
      assertEquals("ER2", field(ack, "MSA", 2));
      assertEquals("CR", field(ack, "MSA", 1));
      assertTrue(field(ack, "ERR", 3).startsWith("101^"), ack);

      // MSH-16 alone also means enhanced mode; MSH-15 empty counts as AL.
      ack = c.call(adt("AL2", "2.5", "||||AL"));
      assertEquals("CA", field(ack, "MSA", 1));
      // Original mode when neither is valued.
      assertEquals("AA", field(c.call(adt("ORIG", "2.5", "")), "MSA", 1));
    }
    listener.close();
    assertEquals(7, readLanding(listener.landingDir()).size(), "every message is landed, answered or not");
  }

  @Test
  void filesAreSealedByAgeWhileRunning() throws Exception {
    start(options().withRotation(64 << 20, Duration.ofMillis(300)));
    try (MllpClient c = client()) {
      assertEquals("AA", field(c.call(oru("AGE1")), "MSA", 1));
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (LandingDir.sealedFiles(listener.landingDir()).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(1, LandingDir.sealedFiles(listener.landingDir()).size());
      assertTrue(LandingDir.openFiles(listener.landingDir()).isEmpty(), "no empty file is kept open");
      assertEquals("AA", field(c.call(oru("AGE2")), "MSA", 1));
    }
    listener.close();
    assertEquals(2, LandingDir.sealedFiles(listener.landingDir()).size());
    assertEquals(2, readLanding(listener.landingDir()).size());
  }

  @Test
  void closeDropsIdleConnectionsAndSealsPromptly() throws Exception {
    start(options().withShutdownGrace(Duration.ofSeconds(30)));
    MllpClient idle = client();
    assertEquals("AA", field(idle.call(oru("IDLE")), "MSA", 1));
    long t0 = System.nanoTime();
    listener.close();
    assertTrue(System.nanoTime() - t0 < 3_000_000_000L, "an idle connection does not hold up shutdown");
    assertNull(idle.receive(), "the idle connection was closed");
    idle.close();
    assertEquals(1, LandingDir.sealedFiles(listener.landingDir()).size());
    assertTrue(LandingDir.openFiles(listener.landingDir()).isEmpty());
  }

  @Test
  void oneListenerPerLandingDirectory() throws Exception {
    start(options());
    IOException e = assertThrows(IOException.class, () -> MllpListener.start(options()));
    assertTrue(e.getMessage().contains("another listener"), e.getMessage());
  }

  @Test
  void statsLineReportsRateAndCounts() throws Exception {
    start(options());
    try (MllpClient c = client()) {
      c.call(oru("S1"));
      c.call("junk");
    }
    MllpStats.Snapshot s = listener.stats().snapshot();
    String line = MllpStats.line(new MllpStats.Snapshot(0, 0, 0, 0, 0, 0, 0, 0, 0), s, 1.0);
    assertTrue(line.startsWith("messages 2 (2 msg/s), acked 1, rejected 1"), line);
    assertNotNull(listener.address());
  }
}
