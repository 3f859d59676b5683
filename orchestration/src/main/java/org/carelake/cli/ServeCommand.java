package org.carelake.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.carelake.core.Lakehouse;
import org.carelake.dashboard.DashboardConfig;
import org.carelake.dashboard.web.Dashboard;
import org.carelake.dashboard.web.DashboardServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code carelake serve}: the care-manager dashboard over HTTPS until Ctrl-C (see docs/dashboard.md). */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the care-manager dashboard (HTTPS with a self-signed certificate unless a keystore is given).")
final class ServeCommand implements Callable<Integer> {
  @ParentCommand
  Carelake root;

  @Option(names = "--port", description = "Port (default: dashboard.port, else 8443).")
  Integer port;

  @Option(names = "--bind", description = "Address to listen on (default: dashboard.bind, else 127.0.0.1).")
  String bind;

  @Option(names = "--no-tls", description = "Plain HTTP, for local development only (cookies lose Secure).")
  boolean noTls;

  @Option(names = "--tls-keystore", paramLabel = "FILE", description = "PKCS#12 keystore with the server's key.")
  Path keystore;

  @Option(names = "--tls-password-file", paramLabel = "FILE", description = "File holding the keystore password.")
  Path keystorePassword;

  @Option(names = "--config-dir", paramLabel = "DIR",
      description = "Settings, certificate and keys (default: $CARELAKE_CONFIG_DIR, else ~/.config/carelake).")
  Path configDir;

  @Override
  public Integer call() throws Exception {
    Lakehouse lh = Session.open(root.config(), "carelake serve");
    return serve(lh, config(configDir, port, bind, noTls, keystore, keystorePassword));
  }

  static DashboardConfig config(Path dir, Integer port, String bind, boolean noTls, Path ks, Path pw) {
    DashboardConfig c = DashboardConfig.load(dir == null ? DashboardConfig.defaultConfigDir() : dir);
    if (port != null) {
      c = c.withPort(port);
    }
    if (bind != null) {
      c = c.withBind(bind);
    }
    return c.withTls(c.tls() && !noTls, ks, pw);
  }

  /**
   * Serves until the JVM is asked to stop; the audit queue is written out on the way down. Care managers see the
   * published gold versions (the last run whose quality gates passed), not a run still writing.
   */
  static int serve(Lakehouse lh, DashboardConfig config) throws Exception {
    Dashboard app = new Dashboard(lh.published(), config);
    DashboardServer server = new DashboardServer(app);
    server.start();
    long warming = System.nanoTime();
    long gaps = app.gold().warm();
    System.out.printf("dashboard: worklist cache ready (%,d open gaps) in %.1f s%n", gaps,
        (System.nanoTime() - warming) / 1e9);
    app.gold().personStoreReport().forEach(line -> System.out.println("dashboard: Patient 360 store: " + line));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      app.close();
      stopped.countDown();
    }, "carelake-serve-shutdown"));
    System.out.println("dashboard: " + server.uri() + (config.tls() && config.keystore() == null
        ? "  (self-signed certificate in " + config.configDir() + "; your browser will ask you to accept it)" : ""));
    app.oidc().ifPresent(o -> System.out.println("sign-in: local users, and \"Sign in with "
        + o.settings().providerName() + "\" through OIDC provider " + o.settings().describe()));
    System.out.println("users: ./carelake user add NAME --role care_manager --org ORG_ID; Ctrl-C stops");
    stopped.await();
    return Carelake.OK;
  }
}
