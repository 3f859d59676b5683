package org.carelake.marts.deid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key of the pseudonyms: HMAC-SHA256 with a secret only the data custodian holds, so nobody with {@code deid.*}
 * alone can recompute a person's pseudonym from a known person_id. Configured as {@code spark.carelake.deid.secret}
 * or, to keep it out of process listings, {@code spark.carelake.deid.secretFile}. Only the demo and the tests may
 * fall back to a public, fixed secret ({@code spark.carelake.deid.allowDemoSecret=true}).
 */
public final class DeidSecret {
  public static final String SECRET = "spark.carelake.deid.secret";
  public static final String SECRET_FILE = "spark.carelake.deid.secretFile";
  public static final String ALLOW_DEMO = "spark.carelake.deid.allowDemoSecret";
  public static final int MIN_LENGTH = 16;
  /** Public on purpose: pseudonyms made with it protect nothing, which is fine for synthetic demo data only. */
  static final String DEMO_SECRET = "carelake-demo-deid-secret-not-for-real-data";

  private final byte[] key;
  private final boolean demo;

  private DeidSecret(byte[] key, boolean demo) {
    this.key = key;
    this.demo = demo;
  }

  public static DeidSecret of(String secret) {
    if (secret == null || secret.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("the deid secret needs at least " + MIN_LENGTH + " characters");
    }
    return new DeidSecret(secret.getBytes(StandardCharsets.UTF_8), false);
  }

  /** The secret from the Spark configuration ({@code conf} answers null for an unset key); refuses a missing one. */
  public static DeidSecret resolve(Function<String, String> conf) {
    String secret = conf.apply(SECRET);
    String file = conf.apply(SECRET_FILE);
    if ((secret == null || secret.isBlank()) && file != null && !file.isBlank()) {
      try {
        secret = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + SECRET_FILE + " " + file, e);
      }
    }
    if (secret != null && !secret.isBlank()) {
      return of(secret);
    }
    if ("true".equalsIgnoreCase(conf.apply(ALLOW_DEMO))) {
      return new DeidSecret(DEMO_SECRET.getBytes(StandardCharsets.UTF_8), true);
    }
    throw new IllegalStateException("deid: no pseudonym secret configured. Set " + SECRET_FILE + "=FILE (a file "
        + "holding a random secret of at least " + MIN_LENGTH + " characters, e.g. `openssl rand -hex 32`) or "
        + SECRET + ", e.g. CARELAKE_JAVA_OPTS=\"-D" + SECRET_FILE + "=/etc/carelake/deid.secret\" or spark-submit "
        + "--conf. Keep it: another secret gives every person another pseudonym.");
  }

  /** True for the public demo secret. */
  public boolean demo() {
    return demo;
  }

  /** The HMAC key blocks, for computing HMAC in Spark SQL (key XOR ipad, key XOR opad; RFC 2104). */
  byte[][] pads() {
    byte[] k = key;
    if (k.length > 64) {
      k = sha256(k);
    }
    byte[] ipad = new byte[64];
    byte[] opad = new byte[64];
    for (int i = 0; i < 64; i++) {
      byte b = i < k.length ? k[i] : 0;
      ipad[i] = (byte) (b ^ 0x36);
      opad[i] = (byte) (b ^ 0x5c);
    }
    return new byte[][] {ipad, opad};
  }

  /** Lower-case hex HMAC-SHA256 of the UTF-8 value: the pseudonym {@code deid.*} holds for it. */
  public String pseudonym(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A short fingerprint of the secret (not the secret, and not any pseudonym): the run ledger records it so that a
   * new secret rebuilds {@code deid.*}.
   */
  public String keyId() {
    return pseudonym("carelake-deid-key-id").substring(0, 12);
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
