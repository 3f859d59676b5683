package org.carelake.ingestion.hl7.mllp;

import static org.carelake.ingestion.hl7.mllp.MllpFixtures.field;
import static org.carelake.ingestion.hl7.mllp.MllpFixtures.oru;
import static org.carelake.ingestion.hl7.mllp.MllpFixtures.readLanding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.carelake.ingestion.hl7.Hl7Unit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MllpLandingTest {
  @TempDir
  Path tmp;

  private static byte[] frames(String... ids) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String id : ids) {
      out.write(0x0B);
      out.writeBytes(oru(id).getBytes(StandardCharsets.UTF_8));
      out.write(0x1C);
      out.write(0x0D);
    }
    return out.toByteArray();
  }

  private static List<String> ids(List<Hl7Unit> units) {
    List<String> out = new ArrayList<>();
    for (Hl7Unit u : units) {
      assertTrue(u.accepted(), () -> "rejected: " + u.detail());
      out.add(u.message().header().controlId());
    }
    return out;
  }

  private Path openFile(String name, byte[]... parts) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("landing"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return Files.write(dir.resolve(name + LandingDir.OPEN), out.toByteArray());
  }

  @Test
  void tornTailIsCutAndTheFileSealed() throws Exception {
    byte[] whole = frames("T1", "T2", "T3");
    byte[] torn = frames("T4");
    Path open = openFile("20261126T230501123Z-aaaaaaaa-000001", whole,
        Arrays.copyOf(torn, torn.length / 2));
    List<LandingRecovery.Recovered> r = LandingRecovery.recover(open.getParent());
    assertEquals(1, r.size());
    assertEquals(3, r.get(0).frames());
    assertEquals(whole.length, r.get(0).keptBytes());
    assertEquals(torn.length / 2, r.get(0).cutBytes());
    assertEquals("20261126T230501123Z-aaaaaaaa-000001.mllp", r.get(0).sealed().getFileName().toString());
    assertEquals(whole.length, Files.size(r.get(0).sealed()));
    assertTrue(LandingDir.openFiles(open.getParent()).isEmpty());
    assertEquals(List.of("T1", "T2", "T3"), ids(readLanding(open.getParent())));
  }

  @Test
  void tailsTheFilesystemLeftAreCut() throws Exception {
    // Zeros (allocated but never written), an end block without its CR, a lone start block.
    byte[] whole = frames("Z1");
    byte[] endNoCr = frames("Z2");
    openFile("20261126T230501123Z-bbbbbbbb-000001", whole, new byte[4096]);
    openFile("20261126T230501124Z-bbbbbbbb-000002", whole, Arrays.copyOf(endNoCr, endNoCr.length - 1));
    openFile("20261126T230501125Z-bbbbbbbb-000003", whole, new byte[] {0x0B});
    byte[] zeroInside = frames("Z3");
    zeroInside[40] = 0;
    openFile("20261126T230501126Z-bbbbbbbb-000004", whole, zeroInside);
    List<LandingRecovery.Recovered> r = LandingRecovery.recover(tmp.resolve("landing"));
    assertEquals(4, r.size());
    for (LandingRecovery.Recovered x : r) {
      assertEquals(whole.length, x.keptBytes(), x.toString());
    }
    assertEquals(List.of("Z1", "Z1", "Z1", "Z1"), ids(readLanding(tmp.resolve("landing"))));
  }

  @Test
  void aFileWithNoWholeFrameIsRemoved() throws Exception {
    byte[] torn = "\u000bMSH|^~\\&|torn".getBytes(StandardCharsets.UTF_8);
    Path open = openFile("20261126T230501123Z-cccccccc-000001", torn);
    List<LandingRecovery.Recovered> r = LandingRecovery.recover(open.getParent());
    assertNull(r.get(0).sealed());
    assertTrue(Files.notExists(open));
    assertTrue(LandingDir.sealedFiles(open.getParent()).isEmpty());
  }

  @Test
  void listenerStartRecoversAndGoesOn() throws Exception {
    byte[] torn = frames("R2");
    Path open = openFile("20261126T230501123Z-dddddddd-000001", frames("R1"), Arrays.copyOf(torn, 30));
    List<String> log = new ArrayList<>();
    MllpOptions o = MllpOptions.defaults(open.getParent()).withBind("127.0.0.1").withPort(0).withLog(log::add);
    try (MllpListener l = MllpListener.start(o);
        MllpClient c = MllpClient.connect("127.0.0.1", l.port(), null, Duration.ofSeconds(10))) {
      assertEquals(1, l.landing().recovered().size());
      assertTrue(log.get(0).contains("torn tail cut"), log.toString());
      assertEquals("AA", field(c.call(oru("R2")), "MSA", 1));
    }
    assertEquals(2, LandingDir.sealedFiles(open.getParent()).size());
    assertEquals(List.of("R1", "R2"), ids(readLanding(open.getParent())));
  }

  @Test
  void writerGroupsConcurrentAppendsIntoFewFsyncsAndRotatesBySize() throws Exception {
    Path dir = tmp.resolve("landing");
    byte[] frame = frames("G");
    int n = 2000;
    try (LandingWriter w = LandingWriter.open(dir, 100_000, Duration.ofSeconds(30), m -> { })) {
      List<CompletableFuture<Void>> fs = new ArrayList<>();
      Thread[] threads = new Thread[4];
      for (int t = 0; t < threads.length; t++) {
        threads[t] = new Thread(() -> {
          for (int i = 0; i < n / threads.length; i++) {
            CompletableFuture<Void> f = w.append(frame, 0, frame.length);
            synchronized (fs) {
              fs.add(f);
            }
          }
        });
        threads[t].start();
      }
      for (Thread t : threads) {
        t.join();
      }
      CompletableFuture.allOf(fs.toArray(new CompletableFuture[0])).get();
      assertTrue(w.fsyncs() < n, "group commit: " + w.fsyncs() + " fsyncs for " + n + " appends");
    }
    List<Path> sealed = LandingDir.sealedFiles(dir);
    assertTrue(sealed.size() >= (long) n * frame.length / 100_000 - 1, "rotated by size: " + sealed.size());
    for (Path p : sealed) {
      assertTrue(p.getFileName().toString().matches("\\d{8}T\\d{9}Z-[0-9a-f]{8}-\\d{6}\\.mllp"), p.toString());
    }
    assertEquals(n, readLanding(dir).size());
    assertTrue(Files.exists(dir.resolve(LandingDir.LOCK)));
  }

  @Test
  void filesAreSealedByAgeUnderSteadyTraffic() throws Exception {
    Path dir = tmp.resolve("landing");
    byte[] frame = frames("A");
    int n = 0;
    try (LandingWriter w = LandingWriter.open(dir, 64 << 20, Duration.ofMillis(50), m -> { })) {
      long end = System.nanoTime() + 400_000_000L;
      while (System.nanoTime() < end) {
        w.append(frame, 0, frame.length).get();
        n++;
      }
      assertTrue(w.sealedFiles() >= 3, "sealed while busy: " + w.sealedFiles());
    }
    assertEquals(n, readLanding(dir).size());
  }

  @Test
  void namesSortByTime() {
    String a = LandingDir.newName(Instant.parse("2026-11-26T23:05:01.123Z"), "ffffffff", 2);
    String b = LandingDir.newName(Instant.parse("2026-11-26T23:05:01.124Z"), "00000000", 1);
    assertEquals("20261126T230501123Z-ffffffff-000002", a);
    assertTrue(a.compareTo(b) < 0);
    assertTrue(LandingDir.isSealed(Path.of(b + LandingDir.SEALED)));
    assertTrue(!LandingDir.isSealed(Path.of(b + LandingDir.OPEN)));
  }

  @Test
  void landingPathComesFromALocalLakehouseRoot() {
    assertEquals(Path.of("/data/lh"), LandingDir.localRoot("file:/data/lh"));
    assertEquals(Path.of("/data/lh"), LandingDir.localRoot("file:///data/lh"));
    assertEquals(Path.of("/data/lh"), LandingDir.localRoot("file://localhost/data/lh"));
    assertEquals(Path.of("/data/my lh"), LandingDir.localRoot("file:/data/my lh"));
    assertEquals(Path.of("rel/lh"), LandingDir.localRoot("rel/lh"));
    assertEquals(Path.of("/data/lh/landing/hl7/lab1"), LandingDir.of(Path.of("/data/lh"), "lab1"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LandingDir.localRoot("s3a://bucket/lh"));
    assertTrue(e.getMessage().contains("local"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LandingDir.localRoot("file://otherhost/lh"));
    assertThrows(IllegalArgumentException.class, () -> LandingDir.of(Path.of("/x"), "../etc"));
  }
}
