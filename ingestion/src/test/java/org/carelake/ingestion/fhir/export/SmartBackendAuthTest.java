package org.carelake.ingestion.fhir.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SMART Backend Services and static tokens against a token endpoint that checks signatures and claims. */
class SmartBackendAuthTest {
  @TempDir
  Path tmp;

  private FakeBulkServer server;
  private BulkHttp tokenHttp;

  /** A clock the test moves by hand. */
  static final class HandClock extends Clock {
    Instant now = Instant.now();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = new FakeBulkServer();
    tokenHttp = new BulkHttp(AccessTokenSource.NONE, ExportTests.FAST, new ExportTests.RecordingPause(),
        Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    tokenHttp.close();
    server.close();
  }

  /** Registers the key's public half with the server and writes the private JWKS the client reads. */
  private Map<String, String> register(JWK key) throws Exception {
    server.clientKeys = new JWKSet(key.toPublicJWK());
    Path jwks = tmp.resolve("client-" + key.getKeyID() + ".jwks.json");
    Files.writeString(jwks, new JWKSet(key).toString(false));
    return Map.of(ExportAuth.CLIENT_ID, server.clientId, ExportAuth.JWKS_FILE, jwks.toString());
  }

  private AccessTokenSource smart(Map<String, String> env, Clock clock) {
    return ExportAuth.fromEnvironment("auto", URI.create(server.base), null, null, env, tokenHttp, clock);
  }

  @Test
  void rs384AssertionGetsATokenThatIsCachedAndRefreshedBeforeItExpires() throws Exception {
    JWK key = new RSAKeyGenerator(2048).keyID("rsa-1").algorithm(JWSAlgorithm.RS384).generate();
    HandClock clock = new HandClock();
    AccessTokenSource auth = smart(register(key), clock);
    assertTrue(auth instanceof SmartBackendAuth, "auto picks SMART when a client id is set");

    String first = auth.authorization();
    assertEquals(List.of(), server.tokenErrors);
    assertTrue(first.startsWith("Bearer tok-1-"), first);
    // Discovery found the token endpoint; the grant carried the default scope.
    assertEquals(1, server.requests("/fhir/.well-known/smart-configuration").size());
    assertTrue(auth.describe().contains("RS384 key rsa-1") && auth.describe().contains("system/*.read"));
    assertFalse(auth.describe().contains(first.substring(7)), "the token is never described");

    clock.now = clock.now.plusSeconds(200);
    assertEquals(first, auth.authorization(), "cached while far from expiry");
    assertEquals(1, server.tokensIssued.get());

    clock.now = clock.now.plusSeconds(50); // 250 s of 300: inside the refresh margin, still before expiry
    String second = auth.authorization();
    assertNotEquals(first, second);
    assertEquals(2, server.tokensIssued.get());
    assertEquals(2, server.jtis.size(), "every assertion has its own jti");
    assertEquals(List.of(), server.tokenErrors);
  }

  @Test
  void es384KeysSignToo() throws Exception {
    JWK key = new ECKeyGenerator(Curve.P_384).keyID("ec-1").generate();
    AccessTokenSource auth = smart(register(key), Clock.systemUTC());
    assertTrue(auth.authorization().startsWith("Bearer tok-1-"), server.tokenErrors.toString());
    assertTrue(auth.describe().contains("ES384 key ec-1"));
  }

  @Test
  void aKeyTheServerDoesNotKnowIsRefusedWithTheServersReason() throws Exception {
    JWK registered = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    Map<String, String> env = register(registered);
    // The client signs with another private key under the same kid.
    JWK other = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    Files.writeString(Path.of(env.get(ExportAuth.JWKS_FILE)), new JWKSet(other).toString(false));
    AccessTokenSource auth = smart(env, Clock.systemUTC());

    BulkExportException e = assertThrows(BulkExportException.class, auth::authorization);
    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("SMART token request to " + server.tokenUrl + " was refused: HTTP 401: "
        + "invalid_client (signature does not verify)"), e.getMessage());
    assertFalse(e.getMessage().contains("eyJ"), "the assertion stays out of messages");
  }

  @Test
  void anExpiredTokenMidExportIsReplacedAndTheDownloadsFinish() throws Exception {
    JWK key = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    server.requireToken = true;
    server.requiresAccessToken = true;
    server.tokenUses = 2; // every token "expires" after two requests
    server.serve("output", "Patient", "Patient-1.ndjson", ExportTests.fixture("Patient.ndjson"))
        .serve("output", "Condition", "Condition-1.ndjson", ExportTests.fixture("Condition.ndjson"))
        .serve("error", "OperationOutcome", "errors-1.ndjson", ExportTests.errors("one failed"));
    AccessTokenSource auth = smart(register(key), Clock.systemUTC());
    ExportJobStore store = new ExportJobStore(tmp.resolve("lake").toUri().toString(), new Configuration());
    try (BulkHttp http = new BulkHttp(auth, ExportTests.FAST, new ExportTests.RecordingPause(),
        Duration.ofSeconds(30))) {
      ExportDownload d = new ExportDownload(store, http, ExportTests.settings(new ExportTests.Captured().out));
      ExportJob job = d.complete(d.kickOff(ExportFhirTest.request(server.base), null, "ehr"));

      assertEquals(JobState.DOWNLOADED, job.state());
      for (ExportFile f : job.files()) {
        assertTrue(store.isStored(job, f), f.name());
      }
    }
    assertTrue(server.tokensIssued.get() >= 3, "tokens: " + server.tokensIssued.get());
    assertEquals(List.of(), server.tokenErrors);
    // Files needed the token (requiresAccessToken) and got one.
    assertTrue(server.requests("/files/").stream().allMatch(s -> s.headers().getOrDefault("authorization", "")
        .startsWith("Bearer tok-")));
  }

  @Test
  void staticTokensComeFromTheEnvironmentOrAFileAndStayOutOfMessages() throws Exception {
    Path tokenFile = Files.writeString(tmp.resolve("token"), "Zq9-secret-xyz\n");
    AccessTokenSource fromFile = ExportAuth.fromEnvironment(null, URI.create(server.base), null, null,
        Map.of(ExportAuth.TOKEN_FILE, tokenFile.toString()), tokenHttp, Clock.systemUTC());
    assertEquals("Bearer Zq9-secret-xyz", fromFile.authorization());
    assertFalse(fromFile.toString().contains("Zq9") || fromFile.describe().contains("Zq9"));
    assertSame(AccessTokenSource.NONE, ExportAuth.fromEnvironment("auto", URI.create(server.base), null, null,
        Map.of(), tokenHttp, Clock.systemUTC()));

    IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> ExportAuth.fromEnvironment(
        "token", URI.create(server.base), null, null, Map.of(ExportAuth.TOKEN, "a", ExportAuth.TOKEN_FILE, "b"),
        tokenHttp, Clock.systemUTC()));
    assertTrue(both.getMessage().contains("not both"));
    IllegalArgumentException noKeys = assertThrows(IllegalArgumentException.class, () -> ExportAuth.fromEnvironment(
        "smart", URI.create(server.base), null, null, Map.of(ExportAuth.CLIENT_ID, "c"), tokenHttp,
        Clock.systemUTC()));
    assertTrue(noKeys.getMessage().contains(ExportAuth.JWKS_FILE), noKeys.getMessage());
    Path publicOnly = Files.writeString(tmp.resolve("public.jwks"), new JWKSet(new RSAKeyGenerator(2048)
        .keyID("pub").generate().toPublicJWK()).toString(false));
    IllegalArgumentException noPrivate = assertThrows(IllegalArgumentException.class, () -> ExportAuth
        .fromEnvironment("smart", URI.create(server.base), null, null, Map.of(ExportAuth.CLIENT_ID, "c",
            ExportAuth.JWKS_FILE, publicOnly.toString()), tokenHttp, Clock.systemUTC()));
    assertTrue(noPrivate.getMessage().contains("no RS384 (RSA) or ES384 (EC P-384) private signing key")
        && noPrivate.getMessage().contains("pub RSA public"), noPrivate.getMessage());

    // The server accepts the token; a token it does not know fails with a hint, and without the token in the text.
    server.requireToken = true;
    server.acceptToken("Zq9-secret-xyz");
    ExportJobStore store = new ExportJobStore(tmp.resolve("lake").toUri().toString(), new Configuration());
    try (BulkHttp http = new BulkHttp(fromFile, ExportTests.FAST, new ExportTests.RecordingPause(),
        Duration.ofSeconds(30))) {
      ExportJob job = new ExportDownload(store, http, ExportTests.settings(new ExportTests.Captured().out))
          .kickOff(ExportFhirTest.request(server.base), null, "ehr");
      assertEquals(JobState.POLLING, job.state());
    }
    try (BulkHttp http = new BulkHttp(new StaticToken("Other-secret-abc"), ExportTests.FAST,
        new ExportTests.RecordingPause(), Duration.ofSeconds(30))) {
      BulkExportException e = assertThrows(BulkExportException.class, () -> new ExportDownload(store, http,
          ExportTests.settings(new ExportTests.Captured().out)).kickOff(ExportFhirTest.request(server.base), null,
          "ehr"));
      assertTrue(e.getMessage().contains("HTTP 401: missing, invalid or expired access token (check the credentials"),
          e.getMessage());
      assertFalse(e.getMessage().contains("Other-secret-abc"));
    }
  }
}
