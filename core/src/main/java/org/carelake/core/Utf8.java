package org.carelake.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Well-formedness of UTF-8 without decoding, for the ingest paths that store bytes as they arrived. */
public final class Utf8 {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  /**
   * Whether the bytes are well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF). ASCII runs,
   * nearly all of FHIR JSON and HL7 v2, are checked eight bytes at a time.
   */
  public static boolean isValid(byte[] buf, int off, int len) {
    int i = off;
    int end = off + len;
    while (i < end) {
      if (i + 8 <= end && ((long) LONGS.get(buf, i) & HIGH_BITS) == 0) {
        i += 8;
        continue;
      }
      if (buf[i] >= 0) {
        i++;
        continue;
      }
      int n = sequenceLength(buf, i, end);
      if (n < 0) {
        return false;
      }
      i += n;
    }
    return true;
  }

  /**
   * The length of the well-formed multi-byte sequence that starts at {@code i} (its lead byte is not ASCII), or -1.
   */
  public static int sequenceLength(byte[] buf, int i, int end) {
    int b = buf[i];
    int n;
    int min;
    int cp;
    if ((b & 0xE0) == 0xC0) {
      n = 1;
      min = 0x80;
      cp = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      n = 2;
      min = 0x800;
      cp = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      n = 3;
      min = 0x10000;
      cp = b & 0x07;
    } else {
      return -1;
    }
    if (i + n >= end) {
      return -1;
    }
    for (int k = 1; k <= n; k++) {
      int c = buf[i + k];
      if ((c & 0xC0) != 0x80) {
        return -1;
      }
      cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return -1;
    }
    return n + 1;
  }
}
