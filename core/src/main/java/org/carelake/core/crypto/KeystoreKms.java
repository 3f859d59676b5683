package org.carelake.core.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.crypto.KeyAccessDeniedException;
import org.apache.parquet.crypto.keytools.LocalWrapKmsClient;

/**
 * The embedded default key management service: master keys in a PKCS12 keystore on any Hadoop filesystem. Parquet
 * calls it on the driver and on every executor with the KMS instance URL (the keystore's location) and the key access
 * token (its password); data keys are wrapped here, with the master key, so the master key never leaves the process.
 * A real deployment names its own {@link org.apache.parquet.crypto.keytools.KmsClient} instead (Vault, a cloud KMS).
 */
public final class KeystoreKms extends LocalWrapKmsClient {
  private KeyStore store;

  @Override
  protected void initializeInternal() throws KeyAccessDeniedException {
    if (kmsInstanceURL == null || kmsInstanceURL.isBlank() || "DEFAULT".equals(kmsInstanceURL)) {
      throw new KeyAccessDeniedException("no keystore configured (" + AtRestEncryption.KEYSTORE + ")");
    }
    Path path = new Path(kmsInstanceURL);
    try (InputStream in = path.getFileSystem(hadoopConfiguration).open(path)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password());
      store = ks;
    } catch (IOException | GeneralSecurityException e) {
      // A wrong password surfaces as an IOException from PKCS12: say which keystore, never the password.
      throw new KeyAccessDeniedException("cannot open keystore " + kmsInstanceURL + ": " + e.getMessage(), e);
    }
  }

  @Override
  protected byte[] getMasterKeyFromServer(String keyId) throws KeyAccessDeniedException {
    try {
      Key key = store.getKey(keyId, password());
      if (key == null) {
        throw new KeyAccessDeniedException("keystore " + kmsInstanceURL + " has no master key '" + keyId + "'");
      }
      return key.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new KeyAccessDeniedException("cannot read master key '" + keyId + "' from " + kmsInstanceURL, e);
    }
  }

  private char[] password() {
    return kmsToken == null ? new char[0] : kmsToken.toCharArray();
  }
}
