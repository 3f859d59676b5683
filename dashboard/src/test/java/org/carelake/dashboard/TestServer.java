package org.carelake.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.carelake.core.Lakehouse;
import org.carelake.dashboard.web.Dashboard;
import org.carelake.dashboard.web.DashboardServer;
import org.carelake.dashboard.web.TlsKeystore;

/** A dashboard over HTTPS on a free port with a fresh self-signed certificate, and a client context trusting it. */
public final class TestServer implements AutoCloseable {
  public final Dashboard app;
  public final DashboardServer server;
  public final Path configDir;

  public TestServer(Lakehouse lh) {
    this(lh, "");
  }

  /** With these lines in dashboard.properties; a free port unless they name dashboard.port. */
  public TestServer(Lakehouse lh, String dashboardProperties) {
    try {
      configDir = Files.createTempDirectory("carelake-dashboard-config-");
      Files.writeString(configDir.resolve("dashboard.properties"), dashboardProperties, StandardCharsets.UTF_8);
      DashboardConfig config = DashboardConfig.load(configDir);
      app = new Dashboard(lh, dashboardProperties.contains("dashboard.port=") ? config : config.withPort(0));
      server = new DashboardServer(app);
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String base() {
    return "https://127.0.0.1:" + server.port();
  }

  /** Trusts exactly the certificate the server generated (so the test also checks it is usable for 127.0.0.1). */
  public SSLContext clientTls() {
    try (InputStream in = Files.newInputStream(configDir.resolve(TlsKeystore.FILE))) {
      char[] pw = Files.readString(configDir.resolve(TlsKeystore.PASSWORD_FILE), StandardCharsets.UTF_8).strip()
          .toCharArray();
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, pw);
      Certificate cert = ks.getCertificate("carelake-dashboard");
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("dashboard", cert);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
    app.close();
  }
}
