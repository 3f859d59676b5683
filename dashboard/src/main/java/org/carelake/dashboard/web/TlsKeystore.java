package org.carelake.dashboard.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.carelake.dashboard.auth.SessionStore;

/**
 * The dashboard's TLS key: a given PKCS#12 keystore, or a self-signed certificate made on first run in the config
 * directory (with the JDK's keytool: the JDK has no public API to make certificates, and a library for it would be
 * one more dependency). The random keystore password sits beside it, readable by the owner only.
 */
public final class TlsKeystore {
  public static final String FILE = "dashboard-tls.p12";
  public static final String PASSWORD_FILE = "dashboard-tls.password";

  private TlsKeystore() {}

  /** The self-signed keystore in the directory, made now if missing; returns its password file. */
  public static Path ensureSelfSigned(Path configDir) {
    Path ks = configDir.resolve(FILE);
    Path pw = configDir.resolve(PASSWORD_FILE);
    if (Files.isRegularFile(ks) && Files.isRegularFile(pw)) {
      return pw;
    }
    try {
      Files.createDirectories(configDir);
      String password = SessionStore.randomToken();
      Files.deleteIfExists(pw);
      Files.writeString(pw, password, StandardCharsets.UTF_8);
      ownerOnly(pw);
      Files.deleteIfExists(ks);
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      String san = "SAN=dns:localhost,ip:127.0.0.1,dns:" + InetAddress.getLocalHost().getHostName();
      Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "carelake-dashboard",
          "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "825",
          "-dname", "CN=Carelake dashboard (self-signed)", "-ext", san, "-storetype", "PKCS12",
          "-keystore", ks.toString(), "-storepass:file", pw.toString()))
          .redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + new String(out, StandardCharsets.UTF_8));
      }
      ownerOnly(ks);
      return pw;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void ownerOnly(Path f) throws IOException {
    try {
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX filesystem: the directory's own protection applies.
    }
  }

  /** An SSL context serving the keystore's key. */
  public static SSLContext context(Path keystore, Path passwordFile) {
    try (InputStream in = Files.newInputStream(keystore)) {
      char[] password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, password);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot use keystore " + keystore + ": " + e.getMessage(), e);
    }
  }
}
