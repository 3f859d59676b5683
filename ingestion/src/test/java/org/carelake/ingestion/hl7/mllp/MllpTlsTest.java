package org.carelake.ingestion.hl7.mllp;

import static org.carelake.ingestion.hl7.mllp.MllpFixtures.field;
import static org.carelake.ingestion.hl7.mllp.MllpFixtures.oru;
import static org.carelake.ingestion.hl7.mllp.MllpFixtures.readLanding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MllpTlsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir
  static Path keys;

  @TempDir
  Path tmp;

  @BeforeAll
  static void generateKeyStores() throws Exception {
    keytool("PKCS12", keys.resolve("listener.p12"));
    keytool("JKS", keys.resolve("listener.jks"));
  }

  /** A self-signed EC key for localhost, made by the JDK's own keytool. */
  private static void keytool(String type, Path file) throws Exception {
    Path tool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(tool.toString(), "-genkeypair", "-alias", "mllp", "-keyalg", "EC", "-groupname",
        "secp256r1", "-dname", "CN=localhost", "-validity", "2", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
        "-storetype", type, "-keystore", file.toString(), "-storepass", new String(PASSWORD), "-keypass",
        new String(PASSWORD)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + out);
  }

  private MllpListener start(Path keystore, List<String> log) throws Exception {
    MllpOptions o = MllpOptions.defaults(tmp.resolve("landing")).withBind("127.0.0.1").withPort(0)
        .withTls(MllpTls.serverContext(keystore, PASSWORD)).withLog(m -> {
          synchronized (log) {
            log.add(m);
          }
        });
    return MllpListener.start(o);
  }

  @ParameterizedTest
  @ValueSource(strings = {"listener.p12", "listener.jks"})
  void messagesOverTlsAreAcknowledgedAndLanded(String store) throws Exception {
    SSLContext trust = MllpTls.clientContext(keys.resolve(store), PASSWORD);
    try (MllpListener l = start(keys.resolve(store), new ArrayList<>())) {
      assertTrue(l.tls());
      try (MllpClient c = MllpClient.connect("localhost", l.port(), trust, TIMEOUT)) {
        for (int i = 0; i < 20; i++) {
          String ack = c.call(oru("TLS" + i));
          assertEquals("AA", field(ack, "MSA", 1));
          assertEquals("TLS" + i, field(ack, "MSA", 2));
        }
      }
    }
    assertEquals(20, readLanding(tmp.resolve("landing")).size());
  }

  @Test
  void aPlainTcpSenderGetsNoAcknowledgment() throws Exception {
    List<String> log = new ArrayList<>();
    try (MllpListener l = start(keys.resolve("listener.p12"), log);
        MllpClient c = MllpClient.connect("127.0.0.1", l.port(), null, TIMEOUT)) {
      c.send(oru("PLAIN"));
      try {
        assertEquals(null, c.receive());
      } catch (IOException e) {
        // reset by the listener: just as good
      }
      assertEquals(0, l.stats().snapshot().messages());
    }
    assertTrue(log.stream().anyMatch(m -> m.contains("TLS handshake")), log.toString());
  }

  @Test
  void closeDoesNotWaitForAnIdleTlsConnection() throws Exception {
    SSLContext trust = MllpTls.clientContext(keys.resolve("listener.p12"), PASSWORD);
    MllpListener l = start(keys.resolve("listener.p12"), new ArrayList<>());
    try (MllpClient c = MllpClient.connect("localhost", l.port(), trust, TIMEOUT)) {
      assertEquals("AA", field(c.call(oru("IDLE")), "MSA", 1));
      long t0 = System.nanoTime();
      l.close();
      assertTrue(System.nanoTime() - t0 < 3_000_000_000L);
    }
    assertEquals(1, LandingDir.sealedFiles(tmp.resolve("landing")).size());
  }

  @Test
  void aWrongPasswordIsExplained() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MllpTls.serverContext(keys.resolve("listener.p12"), "wrong".toCharArray()));
    assertTrue(e.getMessage().contains("cannot open key store"), e.getMessage());
  }
}
