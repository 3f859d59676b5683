package org.carelake.core.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Creates the keystore {@link KeystoreKms} reads: a PKCS12 file holding the two AES-256 master keys. */
public final class Keystores {
  private Keystores() {}

  /** Writes a new keystore with fresh random master keys; refuses to replace an existing one (its data dies with it). */
  public static void create(String location, char[] password, Configuration conf) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (fs.exists(path)) {
        throw new IllegalArgumentException("keystore " + location + " exists: replacing it would make every file "
            + "encrypted with its keys unreadable");
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, password);
      KeyGenerator gen = KeyGenerator.getInstance("AES");
      gen.init(256, new SecureRandom());
      for (String alias : new String[] {AtRestEncryption.FOOTER_KEY, AtRestEncryption.COLUMN_KEY}) {
        SecretKey key = gen.generateKey();
        ks.setEntry(alias, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(password));
      }
      try (OutputStream out = fs.create(path, false)) {
        ks.store(out, password);
      }
      fs.setPermission(path, new org.apache.hadoop.fs.permission.FsPermission((short) 0600));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write keystore " + location, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create keystore " + location, e);
    }
  }
}
