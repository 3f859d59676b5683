package org.carelake.ingestion.hl7.mllp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS contexts from key stores (JKS or PKCS12, told apart by their content), with the JDK's own JSSE. */
public final class MllpTls {
  private MllpTls() {}

  /** The server side: the key store must hold the listener's private key and certificate chain. */
  public static SSLContext serverContext(Path keystore, char[] password) throws IOException, GeneralSecurityException {
    KeyStore ks = load(keystore, password);
    boolean hasKey = false;
    for (String alias : Collections.list(ks.aliases())) {
      hasKey |= ks.isKeyEntry(alias);
    }
    if (!hasKey) {
      throw new IllegalArgumentException("key store " + keystore + " holds no private key for the listener");
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, password);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  /** A client side that trusts the certificates of a trust store (for tests and the load generator). */
  public static SSLContext clientContext(Path truststore, char[] password)
      throws IOException, GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(load(truststore, password));
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("key store " + file + " does not exist or cannot be read");
    }
    try {
      return KeyStore.getInstance(file.toFile(), password);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot open key store " + file + " (wrong password, or not JKS/PKCS12): "
          + e.getMessage(), e);
    }
  }
}
