package org.carelake.transforms.terminology.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminologyServerConfigTest {
  static final URI BASE = URI.create("https://tx.example.org/r4");

  @Test
  void toStringHidesTheToken() {
    TerminologyServerConfig c = new TerminologyServerConfig(BASE, "abc-secret-123", Duration.ofSeconds(5), 3,
        Duration.ofMillis(100));

    assertFalse(c.toString().contains("abc-secret-123"), c.toString());
    assertTrue(c.toString().contains("bearerToken=<redacted>"), c.toString());
    assertTrue(c.toString().contains("baseUrl=https://tx.example.org/r4"), c.toString());
  }

  @Test
  void tokenFromTheEnvironment() {
    TerminologyServerConfig c = TerminologyServerConfig.fromEnvironment(BASE, Map.of("CARELAKE_TX_TOKEN", "tok"));

    assertEquals("tok", c.bearerToken());
    assertEquals(TerminologyServerConfig.DEFAULT_TIMEOUT, c.timeout());
    assertEquals(TerminologyServerConfig.DEFAULT_MAX_ATTEMPTS, c.maxAttempts());
  }

  @Test
  void tokenFromAFileTrimmed(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("tx-token"), "file-token\n");

    TerminologyServerConfig c =
        TerminologyServerConfig.fromEnvironment(BASE, Map.of("CARELAKE_TX_TOKEN_FILE", f.toString()));

    assertEquals("file-token", c.bearerToken());
  }

  @Test
  void noTokenWhenNeitherIsSet() {
    TerminologyServerConfig c = TerminologyServerConfig.fromEnvironment(BASE, Map.of("CARELAKE_TX_TOKEN", " "));

    assertNull(c.bearerToken());
    assertFalse(c.hasToken());
  }

  @Test
  void bothSetIsAmbiguous(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("tx-token"), "file-token");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        TerminologyServerConfig.fromEnvironment(BASE,
            Map.of("CARELAKE_TX_TOKEN", "env-token", "CARELAKE_TX_TOKEN_FILE", f.toString())));

    assertFalse(e.getMessage().contains("env-token"));
  }

  @Test
  void unreadableTokenFileNamesTheFile(@TempDir Path dir) {
    String missing = dir.resolve("absent").toString();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        TerminologyServerConfig.fromEnvironment(BASE, Map.of("CARELAKE_TX_TOKEN_FILE", missing)));

    assertTrue(e.getMessage().contains(missing), e.getMessage());
  }

  @Test
  void credentialsInTheUrlAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TerminologyServerConfig(
        URI.create("https://user:pw@tx.example.org/r4"), null, Duration.ofSeconds(1), 1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new TerminologyServerConfig(
        URI.create("https://tx.example.org/r4?token=x"), null, Duration.ofSeconds(1), 1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new TerminologyServerConfig(
        BASE, null, Duration.ofSeconds(1), 0, Duration.ZERO));
  }

  @Test
  void aTokenThatCannotBeAHeaderIsRefusedWithoutQuotingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TerminologyServerConfig(
        BASE, "two\nlines-secret", Duration.ofSeconds(1), 1, Duration.ZERO));

    assertFalse(e.getMessage().contains("lines-secret"), e.getMessage());
  }

  @Test
  void retryAfterInSecondsOrAsADate() {
    assertEquals(Duration.ofSeconds(7), FhirHttp.retryAfter("7"));
    assertEquals(Duration.ZERO, FhirHttp.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
    assertEquals(Duration.ofMinutes(5), FhirHttp.retryAfter("86400"));
    assertNull(FhirHttp.retryAfter("soon"));
  }
}
