package org.carelake.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.carelake.dashboard.data.PersonCacheBudget;

/**
 * The dashboard's settings: {@code dashboard.properties} in the config directory (independent of any lakehouse:
 * {@code $CARELAKE_CONFIG_DIR}, else {@code ~/.config/carelake}), overridden by the command line. Keys are listed in
 * docs/dashboard.md. The {@code dashboard.oidc.*} keys are kept as they are (without the prefix) and checked by
 * {@link org.carelake.dashboard.oidc.OidcSettings} when the dashboard starts: with an issuer, the login page offers
 * "Sign in with" the provider next to the local accounts.
 */
public record DashboardConfig(String bind, int port, boolean tls, Path keystore, Path keystorePasswordFile,
    Path configDir, Duration cacheTtl, Duration sessionIdle, Duration sessionMax, Map<String, Double> targets,
    Map<String, String> oidc, String auditJournalDir, long personCacheMaxBytes) {

  public static Path defaultConfigDir() {
    String env = System.getenv("CARELAKE_CONFIG_DIR");
    return env != null && !env.isBlank() ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".config", "carelake");
  }

  /** Reads {@code dashboard.properties} (if present) from the directory, with the shipped measure targets. */
  public static DashboardConfig load(Path configDir) {
    Properties p = new Properties();
    try (InputStream in = DashboardConfig.class.getResourceAsStream("targets.properties")) {
      if (in != null) {
        p.load(in);
      }
      Path file = configDir.resolve("dashboard.properties");
      if (Files.isRegularFile(file)) {
        try (InputStream fin = Files.newInputStream(file)) {
          p.load(fin);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Double> targets = new HashMap<>();
    Map<String, String> oidc = new HashMap<>();
    for (String k : p.stringPropertyNames()) {
      if (k.startsWith("dashboard.target.")) {
        targets.put(k.substring("dashboard.target.".length()), Double.parseDouble(p.getProperty(k)));
      } else if (k.startsWith("dashboard.oidc.")) {
        oidc.put(k.substring("dashboard.oidc.".length()), p.getProperty(k));
      }
    }
    String ks = p.getProperty("dashboard.tls.keystore");
    String pw = p.getProperty("dashboard.tls.keystore-password-file");
    return new DashboardConfig(p.getProperty("dashboard.bind", "127.0.0.1"),
        Integer.parseInt(p.getProperty("dashboard.port", "8443")),
        !"false".equals(p.getProperty("dashboard.tls", "true")),
        ks == null ? null : Path.of(ks), pw == null ? null : Path.of(pw), configDir,
        Duration.ofMinutes(Long.parseLong(p.getProperty("dashboard.cache-minutes", "10"))),
        Duration.ofMinutes(Long.parseLong(p.getProperty("dashboard.session.idle-minutes", "30"))),
        Duration.ofHours(Long.parseLong(p.getProperty("dashboard.session.max-hours", "12"))),
        Map.copyOf(targets), Map.copyOf(oidc), p.getProperty("dashboard.audit.journal-dir"),
        PersonCacheBudget.resolve(p.getProperty(PersonCacheBudget.KEY)));
  }

  public DashboardConfig withPort(int newPort) {
    return new DashboardConfig(bind, newPort, tls, keystore, keystorePasswordFile, configDir, cacheTtl, sessionIdle,
        sessionMax, targets, oidc, auditJournalDir, personCacheMaxBytes);
  }

  public DashboardConfig withBind(String newBind) {
    return new DashboardConfig(newBind, port, tls, keystore, keystorePasswordFile, configDir, cacheTtl, sessionIdle,
        sessionMax, targets, oidc, auditJournalDir, personCacheMaxBytes);
  }

  public DashboardConfig withTls(boolean on, Path newKeystore, Path newPasswordFile) {
    return new DashboardConfig(bind, port, on, newKeystore == null ? keystore : newKeystore,
        newPasswordFile == null ? keystorePasswordFile : newPasswordFile, configDir, cacheTtl, sessionIdle, sessionMax,
        targets, oidc, auditJournalDir, personCacheMaxBytes);
  }
}
