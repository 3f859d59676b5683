package org.carelake.core;

import java.util.HexFormat;
import java.util.Locale;

/** Byte counts and digests for people and ledgers. */
public final class Bytes {
  private static final HexFormat HEX = HexFormat.of();

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

  public static String hex(byte[] digest) {
    return HEX.formatHex(digest);
  }
}
