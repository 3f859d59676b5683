package org.carelake.core;

import java.util.Locale;

/** Byte counts and digests for people and ledgers. */
public final class Bytes {
  private static final byte[] DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

  private Bytes() {}

  public static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
  }

  /** Lower-case hex. */
  public static String hex(byte[] digest) {
    return new String(hexAscii(digest), java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** Lower-case hex as ASCII bytes: a Spark string column takes them as they are (once per ingested resource). */
  public static byte[] hexAscii(byte[] digest) {
    byte[] out = new byte[digest.length * 2];
    for (int i = 0; i < digest.length; i++) {
      out[2 * i] = DIGITS[(digest[i] >> 4) & 0xF];
      out[2 * i + 1] = DIGITS[digest[i] & 0xF];
    }
    return out;
  }
}
