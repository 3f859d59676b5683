package org.carelake.dashboard;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.carelake.core.Lakehouse;
import org.carelake.dashboard.audit.AuditLog;
import org.carelake.dashboard.audit.AuditVerifier;
import org.carelake.dashboard.auth.Role;
import org.carelake.dashboard.auth.User;
import org.carelake.dashboard.auth.UserStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * "Sign in with" an OpenID provider, end to end over real HTTP: the dashboard over HTTPS on the fixture lakehouse,
 * {@link TestOidcProvider} on a loopback port, and a test browser that carries the cookies and follows the redirects
 * between the two by hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcLoginHttpTest {
  private static final String SESSION = "__Host-carelake_session";
  private static final String OIDC_COOKIE = "__Host-carelake_oidc";
  private final HttpClient toProvider = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final List<String> logLines = new ArrayList<>();
  private final Logger dashboardLog = Logger.getLogger("org.carelake.dashboard");
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      synchronized (logLines) {
        logLines.add(r.getMessage());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private Lakehouse lh;
  private TestOidcProvider provider;
  private TestServer server;

  @BeforeAll
  void start() {
    lh = DashboardFixture.lakehouse();
    dashboardLog.addHandler(capture);
    provider = new TestOidcProvider();
    server = startServer(provider);
  }

  @AfterAll
  void stop() {
    server.close();
    provider.close();
    dashboardLog.removeHandler(capture);
    synchronized (logLines) {
      for (String line : logLines) {
        assertFalse(line.contains(TestOidcProvider.SECRET) || line.contains("eyJ"), "a secret or token logged");
      }
    }
  }

  @AfterEach
  void resetProvider() {
    provider.tamper = b -> b;
    provider.signingKey = provider.key;
  }

  /** A dashboard whose OIDC client is registered at the provider, on a port chosen first for the redirect URI. */
  private static TestServer startServer(TestOidcProvider p) {
    try {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Path secret = Files.createTempFile("oidc-secret-", ".txt");
      Files.writeString(secret, TestOidcProvider.SECRET + "\n", StandardCharsets.UTF_8);
      p.redirectUri = "https://127.0.0.1:" + port + "/oidc/callback";
      return new TestServer(DashboardFixture.lakehouse(), "dashboard.port=" + port + "\n"
          + "dashboard.oidc.issuer=" + p.issuer() + "\n"
          + "dashboard.oidc.client-id=" + TestOidcProvider.CLIENT_ID + "\n"
          + "dashboard.oidc.client-secret-file=" + secret + "\n"
          + "dashboard.oidc.redirect-uri=" + p.redirectUri + "\n"
          + "dashboard.oidc.provider-name=Test IdP\n");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> person(String name, Object role, List<String> organizations) {
    Map<String, Object> claims = new HashMap<>();
    claims.put("preferred_username", name);
    if (role != null) {
      claims.put("carelake_role", role);
    }
    if (organizations != null) {
      claims.put("carelake_organizations", organizations);
    }
    return claims;
  }

  private static String location(HttpResponse<?> r) {
    return r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location: " + r.statusCode()));
  }

  /** The browser's way out and back: /oidc/login, the provider's authorize; returns the callback path and query. */
  private String authorize(TestServer srv, TestOidcProvider p, TestClient c, Map<String, Object> user) {
    p.user = user;
    HttpResponse<String> out = c.get("/oidc/login");
    assertEquals(303, out.statusCode(), out.body());
    String to = location(out);
    HttpResponse<String> back;
    try {
      back = toProvider.send(HttpRequest.newBuilder(URI.create(to)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
    assertEquals(302, back.statusCode(), "the provider refused the authorization request: " + back.body());
    String callback = location(back);
    assertTrue(callback.startsWith(srv.base() + "/oidc/callback?"), callback);
    return callback.substring(srv.base().length());
  }

  private HttpResponse<String> signIn(TestClient c, Map<String, Object> user) {
    return c.get(authorize(server, provider, c, user));
  }

  private static String param(String url, String name) {
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      if (pair.startsWith(name + "=")) {
        return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static String withParam(String pathAndQuery, String name, String value) {
    return pathAndQuery.replaceAll("([?&]" + name + "=)[^&]*", "$1" + value);
  }

  private long audited(String user, String action, String detailPart) {
    server.app.flushAudit();
    if (!lh.exists(AuditLog.TABLE)) {
      return 0;
    }
    var t = lh.table(AuditLog.TABLE).filter(col("action").equalTo(lit(action)).and(col("detail").contains(detailPart)));
    return (user == null ? t.filter(col("user").isNull()) : t.filter(col("user").equalTo(lit(user)))).count();
  }

  private void assertNoSession(TestClient c) {
    assertFalse(c.cookies.containsKey(SESSION), "no session cookie");
    assertEquals(303, c.get("/worklist").statusCode(), "still sent to the login page");
  }

  @Test
  void careManagerSignsInAndSeesOnlyTheirOrganizationsWorklist() {
    TestClient c = new TestClient(server);
    String login = c.get("/login").body();
    assertTrue(login.contains("href=\"/oidc/login\"") && login.contains("Sign in with Test IdP"), login);
    assertTrue(login.contains("name=\"password\""), "local users still log in with a password");

    HttpResponse<String> out = c.get("/oidc/login");
    String to = location(out);
    assertTrue(to.startsWith(provider.issuer() + "/protocol/openid-connect/auth?"), to);
    assertEquals("S256", param(to, "code_challenge_method"));
    assertEquals(43, param(to, "code_challenge").length(), "BASE64URL of a SHA-256");
    assertEquals(TestOidcProvider.CLIENT_ID, param(to, "client_id"));
    assertEquals(provider.redirectUri, param(to, "redirect_uri"));
    assertTrue(param(to, "state").length() >= 43 && param(to, "nonce").length() >= 43);
    String cookie = out.headers().allValues("Set-Cookie").stream().filter(s -> s.startsWith(OIDC_COOKIE + "="))
        .findFirst().orElseThrow();
    for (String attr : List.of("HttpOnly", "Secure", "SameSite=Lax", "Path=/", "Max-Age=")) {
      assertTrue(cookie.contains(attr), cookie + " lacks " + attr);
    }

    long logins = audited("olga", "login", "oidc");
    int tokenRequests = provider.tokenRequestAuth.size();
    HttpResponse<String> done = signIn(c, person("Olga", "care_manager", List.of("org-a")));
    assertEquals(200, done.statusCode(), done.body());
    assertTrue(done.body().contains("http-equiv=\"refresh\" content=\"0;url=/\""), "moves on by a same-site step");
    assertTrue(c.cookies.containsKey(SESSION));
    assertFalse(c.cookies.containsKey(OIDC_COOKIE), "the pre-login cookie is cleared");
    assertEquals("client_secret_basic", provider.tokenRequestAuth.get(tokenRequests), "the secret travels as Basic");

    String worklist = c.get("/worklist").body();
    assertTrue(worklist.contains("Lovelace") && worklist.contains("Turing"), "org-a's people: " + worklist);
    assertFalse(worklist.contains("Hopper"), "org-b's person is not listed");
    assertTrue(worklist.contains("olga (care_manager)"));
    assertEquals(403, c.get("/patient/p3").statusCode(), "another panel's patient by URL");
    assertEquals(200, c.get("/patient/p1").statusCode());
    assertFalse(worklist.contains("href=\"/account/password\""), "no password to change here");
    HttpResponse<String> password = c.get("/account/password");
    assertEquals(404, password.statusCode());
    assertTrue(password.body().contains("Test IdP"));

    User olga = new UserStore(lh).find("olga").orElseThrow();
    assertEquals(Role.CARE_MANAGER, olga.role());
    assertEquals(List.of("org-a"), olga.organizations());
    assertEquals("oidc:" + provider.issuer() + "#sub-olga", olga.passwordHash());
    assertEquals(logins + 1, audited("olga", "login", "oidc"));
    assertTrue(lh.table(AuditLog.TABLE).filter(col("detail").contains("eyJ")).isEmpty(), "no token in the audit");
    assertTrue(AuditVerifier.verify(lh).ok());

    TestClient local = new TestClient(server);
    HttpResponse<String> byPassword = local.post("/login", Map.of("csrf", TestClient.csrf(local.get("/login").body()),
        "user", "olga", "password", "oidc:" + provider.issuer() + "#sub-olga"));
    assertEquals(401, byPassword.statusCode(), "an OIDC user has no password here");
  }

  @Test
  void analystRoleAppliesAndFollowsTheProviderAtEverySignIn() {
    TestClient c = new TestClient(server);
    // Providers put their own roles next to Carelake's in a list claim; those are ignored.
    assertEquals(200, signIn(c, person("nina", List.of("offline_access", "analyst"), List.of("org-a"))).statusCode());
    assertEquals(403, c.get("/worklist").statusCode());
    assertEquals(403, c.get("/patient/p1").statusCode());
    assertEquals(200, c.get("/overview").statusCode());
    User nina = new UserStore(lh).find("nina").orElseThrow();
    assertEquals(Role.ANALYST, nina.role());
    assertEquals(List.of(), nina.organizations(), "organizations count for care managers only");

    TestClient again = new TestClient(server);
    assertEquals(200, signIn(again, person("nina", "care_manager", List.of("org-b"))).statusCode());
    String worklist = again.get("/worklist").body();
    assertTrue(worklist.contains("Hopper") && !worklist.contains("Lovelace"), worklist);
    assertEquals(List.of("org-b"), new UserStore(lh).find("nina").orElseThrow().organizations());
  }

  @Test
  void aStateThisBrowserDidNotStartIsRefusedBeforeAnyCodeIsExchanged() {
    TestClient c = new TestClient(server);
    String callback = authorize(server, provider, c, person("olga", "care_manager", List.of("org-a")));
    int tokenRequests = provider.tokenRequestAuth.size();

    HttpResponse<String> forged = c.get(withParam(callback, "state", "forged-state-value"));
    assertEquals(400, forged.statusCode());
    assertTrue(forged.body().contains("not valid"), forged.body());
    assertNoSession(c);

    TestClient other = new TestClient(server);
    HttpResponse<String> elsewhere = other.get(callback);
    assertEquals(400, elsewhere.statusCode(), "the state is bound to the browser that started the sign-in");
    assertNoSession(other);
    assertEquals(400, c.get(callback).statusCode(), "and it was used up by that attempt");
    assertNoSession(c);
    assertEquals(tokenRequests, provider.tokenRequestAuth.size(), "no code reached the token endpoint");
  }

  @Test
  void aReplayedCallbackOrCodeIsRefused() {
    TestClient c = new TestClient(server);
    String callback = authorize(server, provider, c, person("olga", "care_manager", List.of("org-a")));
    assertEquals(200, c.get(callback).statusCode());
    assertEquals(400, c.get(callback).statusCode(), "the state is single use");

    TestClient replay = new TestClient(server);
    String fresh = authorize(server, provider, replay, person("olga", "care_manager", List.of("org-a")));
    HttpResponse<String> r = replay.get(withParam(fresh, "code", param("https://x" + callback, "code")));
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("invalid_grant") && r.body().contains("Code already used"), r.body());
    assertNoSession(replay);
  }

  @Test
  void aCodeFromAnotherSignInFailsPkceAtTheProvider() {
    TestClient attacker = new TestClient(server);
    String attackers = authorize(server, provider, attacker, person("olga", "admin", null));
    TestClient victim = new TestClient(server);
    String victims = authorize(server, provider, victim, person("olga", "care_manager", List.of("org-a")));
    // The attacker's code injected into the victim's sign-in: state and cookie fit, the PKCE verifier does not.
    HttpResponse<String> r = victim.get(withParam(victims, "code", param("https://x" + attackers, "code")));
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("invalid_grant") && r.body().contains("PKCE verification failed"), r.body());
    assertNoSession(victim);
  }

  private void assertTokenRefused(String check, UnaryOperator<JWTClaimsSet.Builder> tamper, RSAKey key) {
    provider.tamper = tamper;
    provider.signingKey = key;
    long before = audited(null, "login.denied", check);
    TestClient c = new TestClient(server);
    HttpResponse<String> r = signIn(c, person("olga", "care_manager", List.of("org-a")));
    assertEquals(401, r.statusCode(), r.body());
    assertTrue(r.body().contains(check), "the page names the check " + check + ": " + r.body());
    assertNoSession(c);
    assertEquals(before + 1, audited(null, "login.denied", check), "audited without a user");
  }

  @Test
  void aForgedSignatureIsRefused() {
    assertTokenRefused("signature does not verify", b -> b, TestOidcProvider.newKey("test-key-1"));
  }

  @Test
  void anotherAudienceIsRefused() {
    assertTokenRefused("audience", b -> b.audience("another-client"), provider.key);
  }

  @Test
  void severalAudiencesWithoutOurAzpAreRefused() {
    assertTokenRefused("azp", b -> b.audience(List.of(TestOidcProvider.CLIENT_ID, "another-client")), provider.key);
  }

  @Test
  void anotherIssuerIsRefused() {
    assertTokenRefused("issuer", b -> b.issuer("https://idp.example.org/realms/other"), provider.key);
  }

  @Test
  void anotherNonceIsRefused() {
    assertTokenRefused("nonce", b -> b.claim("nonce", "a-nonce-of-another-sign-in"), provider.key);
  }

  @Test
  void anExpiredTokenIsRefused() {
    Instant past = Instant.now().minusSeconds(600);
    assertTokenRefused("expired", b -> b.issueTime(Date.from(past.minusSeconds(300))).expirationTime(Date.from(past)),
        provider.key);
  }

  @Test
  void rotatedProviderKeysAreFetchedAgain() {
    assertEquals(200, signIn(new TestClient(server), person("olga", "care_manager", List.of("org-a"))).statusCode());
    RSAKey next = TestOidcProvider.newKey("test-key-2");
    provider.published = List.of(provider.key, next);
    provider.signingKey = next;
    try {
      TestClient c = new TestClient(server);
      HttpResponse<String> r = signIn(c, person("olga", "care_manager", List.of("org-a")));
      assertEquals(200, r.statusCode(), "an unknown kid makes the dashboard read the JWKS again: " + r.body());
    } finally {
      provider.published = List.of(provider.key);
    }
  }

  @Test
  void aMissingOrUnknownRoleIsRefusedWithAPageAndAnAuditEntry() {
    long before = audited("mo", "login.denied", "role claim carelake_role missing");
    TestClient c = new TestClient(server);
    HttpResponse<String> r = signIn(c, person("mo", null, List.of("org-a")));
    assertEquals(403, r.statusCode());
    assertTrue(r.body().contains("no Carelake role"), r.body());
    assertNoSession(c);
    assertEquals(before + 1, audited("mo", "login.denied", "role claim carelake_role missing"));
    assertTrue(new UserStore(lh).find("mo").isEmpty(), "no account is made");

    TestClient d = new TestClient(server);
    assertEquals(403, signIn(d, person("una", "nurse", List.of("org-a"))).statusCode());
    assertNoSession(d);
    assertEquals(1, audited("una", "login.denied", "names no Carelake role"));

    TestClient e = new TestClient(server);
    HttpResponse<String> noOrgs = signIn(e, person("cora", "care_manager", null));
    assertEquals(403, noOrgs.statusCode());
    assertTrue(noOrgs.body().contains("without organizations"), noOrgs.body());
    assertNoSession(e);
  }

  @Test
  void localAccountsAndOtherSubjectsAreNotTakenOver() {
    TestClient c = new TestClient(server);
    HttpResponse<String> r = signIn(c, person("carol", "admin", null));
    assertEquals(403, r.statusCode());
    assertTrue(r.body().contains("local Carelake account"), r.body());
    assertNoSession(c);
    assertEquals(Role.CARE_MANAGER, new UserStore(lh).find("carol").orElseThrow().role(), "carol is unchanged");

    assertEquals(200, signIn(new TestClient(server), person("ike", "analyst", null)).statusCode());
    Map<String, Object> someoneElse = person("ike", "admin", null);
    someoneElse.put("sub", "another-subject");
    TestClient d = new TestClient(server);
    assertEquals(403, signIn(d, someoneElse).statusCode(), "a recycled user name at the provider");
    assertNoSession(d);
    assertEquals(Role.ANALYST, new UserStore(lh).find("ike").orElseThrow().role());
  }

  /** These servers never get as far as an audit entry, so they may run next to the main one. */
  @Test
  void providerProblemsArePlainErrorPages() {
    TestOidcProvider down = new TestOidcProvider();
    TestServer srv = startServer(down);
    down.close();
    try {
      TestClient c = new TestClient(srv);
      HttpResponse<String> r = c.get("/oidc/login");
      assertEquals(502, r.statusCode());
      assertTrue(r.body().contains("cannot be reached"), r.body());
    } finally {
      srv.close();
    }

    TestOidcProvider lying = new TestOidcProvider();
    lying.discoveryIssuer = "https://idp.example.org/realms/test";
    srv = startServer(lying);
    try {
      HttpResponse<String> r = new TestClient(srv).get("/oidc/login");
      assertEquals(502, r.statusCode());
      assertTrue(r.body().contains("configuration could not be used"), r.body());
    } finally {
      srv.close();
      lying.close();
    }
    synchronized (logLines) {
      assertTrue(logLines.stream().anyMatch(l -> l.contains("provider unreachable")), "the log names the reason");
      assertTrue(logLines.stream().anyMatch(l -> l.contains("bad discovery: the discovery document names issuer")));
    }
  }

  @Test
  void clientSecretPostWhenDiscoveryOffersOnlyThat() {
    // One audit writer per lakehouse at a time (two would fork the chain): the main server pauses meanwhile.
    server.close();
    TestOidcProvider postOnly = new TestOidcProvider();
    postOnly.authMethods = List.of("client_secret_post");
    TestServer srv = startServer(postOnly);
    try {
      TestClient c = new TestClient(srv);
      HttpResponse<String> r = c.get(authorize(srv, postOnly, c, person("pia", "admin", null)));
      assertEquals(200, r.statusCode(), r.body());
      assertEquals(List.of("client_secret_post"), postOnly.tokenRequestAuth);
      assertEquals(200, c.get("/worklist").statusCode());
    } finally {
      srv.close();
      postOnly.close();
      server = startServer(provider);
    }
    assertTrue(AuditVerifier.verify(lh).ok());
  }
}
