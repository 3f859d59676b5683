package org.carelake.dashboard.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import org.carelake.dashboard.DashboardConfig;
import org.carelake.dashboard.auth.SessionStore;
import org.carelake.dashboard.auth.WebSession;

/**
 * The HTTP(S) server: the JDK's own (no servlet container to clash with Spark's Jetty). It routes, enforces login and
 * CSRF, sets the security headers on every answer, and logs method, route and status only: never a path with a
 * person id, a query string or a form, so no PHI reaches the log.
 */
public final class DashboardServer implements AutoCloseable {
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  private static final Logger LOG = Logger.getLogger("org.carelake.dashboard.access");
  private final HttpServer server;
  private final ExecutorService pool;
  private final Dashboard app;
  private final boolean tls;
  private final Pages pages;
  private final CohortPages cohorts;
  private final AccountPages account;
  private final OidcPages oidc;

  public DashboardServer(Dashboard app) throws IOException {
    DashboardConfig c = app.config();
    this.app = app;
    this.tls = c.tls();
    InetSocketAddress addr = new InetSocketAddress(c.bind(), c.port());
    if (tls) {
      Path ks = c.keystore();
      Path pw = c.keystorePasswordFile();
      if (ks == null) {
        pw = TlsKeystore.ensureSelfSigned(c.configDir());
        ks = c.configDir().resolve(TlsKeystore.FILE);
      } else if (pw == null) {
        throw new IllegalArgumentException("a --tls-keystore needs its password file (--tls-password-file)");
      }
      SSLContext ctx = TlsKeystore.context(ks, pw);
      HttpsServer https = HttpsServer.create(addr, 64);
      https.setHttpsConfigurator(new HttpsConfigurator(ctx));
      server = https;
    } else {
      server = HttpServer.create(addr, 64);
    }
    this.pages = new Pages(app, new Cookies(tls));
    this.cohorts = new CohortPages(app);
    this.account = new AccountPages(app, pages.cookies());
    this.oidc = new OidcPages(app, pages.cookies());
    pool = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "carelake-dashboard-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/", this::handle);
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public URI uri() {
    String host = app.config().bind().equals("0.0.0.0") ? "localhost" : app.config().bind();
    return URI.create((tls ? "https" : "http") + "://" + host + ":" + port() + "/");
  }

  private void handle(HttpExchange ex) {
    long started = System.nanoTime();
    String route = "?";
    int status = 500;
    try {
      Request req = new Request(ex);
      route = Pages.route(req.path());
      Response res = dispatch(req);
      status = res.status();
      send(ex, res);
    } catch (Dashboard.AuditUnavailableException e) {
      status = 503;
      sendQuietly(ex, Response.text(503, "The audit log cannot be written; nothing is shown until it can."));
    } catch (Exception e) {
      LOG.log(Level.WARNING, "request failed: " + route + " " + e.getClass().getSimpleName());
      sendQuietly(ex, Response.text(500, "Internal error."));
    } finally {
      long ms = (System.nanoTime() - started) / 1_000_000;
      LOG.info(ex.getRequestMethod() + " " + route + " " + status + " " + ms + "ms");
      ex.close();
    }
  }

  private Response dispatch(Request req) {
    String path = req.path();
    if (path.startsWith("/static/")) {
      return StaticFiles.serve(path.substring("/static/".length()));
    }
    if (path.equals("/favicon.ico")) {
      return Response.text(404, "Not found.");
    }
    if (path.equals("/healthz")) {
      return Response.text(200, "ok");
    }
    if (path.equals("/login")) {
      return "POST".equals(req.method()) ? pages.loginPost(req) : pages.loginForm(req, null);
    }
    if (path.equals("/oidc/login") || path.equals("/oidc/callback")) {
      if (!"GET".equals(req.method())) {
        return Response.text(405, "Method not allowed.").with("Allow", "GET");
      }
      return path.equals("/oidc/login") ? oidc.start(req) : oidc.callback(req);
    }
    WebSession s = app.sessions().find(req.cookie(pages.cookies().sessionName())).orElse(null);
    if (s == null) {
      return "GET".equals(req.method()) ? Response.redirect("/login") : Response.text(403, "Log in first.");
    }
    req.session(s);
    if ("POST".equals(req.method())) {
      // Every state change carries the session's CSRF token; a cross-site Origin is refused even with one.
      String origin = req.header("Origin");
      if (!SessionStore.csrfMatches(s, req.form("csrf")) || (origin != null && !sameOrigin(req, origin))) {
        return Response.text(403, "Invalid or missing CSRF token.");
      }
    } else if (!"GET".equals(req.method()) && !"HEAD".equals(req.method())) {
      return Response.text(405, "Method not allowed.").with("Allow", "GET, POST");
    }
    if (s.user().mustChangePassword() && !Pages.route(path).equals("/account/password")
        && !Pages.route(path).equals("/logout")) {
      // A generated password (the demo's) is replaced before any page is shown.
      return Response.redirect("/account/password");
    }
    return switch (Pages.route(path)) {
      case "/" -> Response.redirect(s.user().role().seesIdentifiedData() ? "/worklist" : "/overview");
      case "/logout" -> pages.logout(req);
      case "/worklist" -> pages.worklist(req);
      case "/worklist.csv" -> pages.worklistCsv(req);
      case "/outreach" -> pages.outreach(req);
      case "/patient/{id}" -> pages.patient(req, path.substring("/patient/".length()));
      case "/overview" -> pages.overview(req);
      case "/cohorts" -> cohorts.list(req);
      case "/cohorts/{id}" -> cohorts.members(req, path.substring("/cohorts/".length()));
      case "/account/password" -> "POST".equals(req.method()) ? account.change(req) : account.form(req, null, 200);
      default -> Response.text(404, "Not found.");
    };
  }

  private static boolean sameOrigin(Request req, String origin) {
    String host = req.header("Host");
    return host != null && (origin.equals("https://" + host) || origin.equals("http://" + host));
  }

  private void send(HttpExchange ex, Response res) throws IOException {
    var h = ex.getResponseHeaders();
    h.set("Content-Type", res.contentType());
    h.set("Content-Security-Policy", CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on form posts, which the CSRF
    // origin check must refuse; same-origin still sends nothing (no person id in a URL) to other sites.
    h.set("Referrer-Policy", "same-origin");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    if (!h.containsKey("Cache-Control")) {
      h.set("Cache-Control", "no-store");
    }
    if (tls) {
      h.set("Strict-Transport-Security", "max-age=31536000");
    }
    for (Map.Entry<String, String> e : res.headers()) {
      if (e.getKey().equals("Cache-Control")) {
        h.set(e.getKey(), e.getValue());
      } else {
        h.add(e.getKey(), e.getValue());
      }
    }
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(res.status(), head || res.body().length == 0 ? -1 : res.body().length);
    if (!head && res.body().length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(res.body());
      }
    }
  }

  private void sendQuietly(HttpExchange ex, Response res) {
    try {
      send(ex, res);
    } catch (IOException | RuntimeException ignored) {
      // Headers were already sent or the client went away: nothing more to tell it.
    }
  }

  @Override
  public void close() {
    server.stop(1);
    pool.shutdownNow();
  }
}
