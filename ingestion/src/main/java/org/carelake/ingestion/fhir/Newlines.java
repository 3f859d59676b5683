package org.carelake.ingestion.fhir;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds and counts '\n' bytes eight at a time (SWAR): the line scan touches every input byte twice (fingerprint and
 * parse), so it should cost a fraction of a byte-by-byte loop.
 */
final class Newlines {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NL = 0x0A0A0A0A0A0A0A0AL;
  private static final long LOW = 0x0101010101010101L;
  private static final long HIGH = 0x8080808080808080L;

  private Newlines() {}

  /** Index of the first '\n' in {@code buf[from, to)}, or -1. */
  static int indexOf(byte[] buf, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(buf, i) ^ NL;
      long found = (x - LOW) & ~x & HIGH; // high bit set in each byte that was '\n' (exact for the lowest one)
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Number of '\n' bytes in {@code buf[from, to)}. */
  static int count(byte[] buf, int from, int to) {
    int n = 0;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(buf, i) ^ NL;
      // exact per-byte zero test (no borrow across bytes): high bit set iff the byte is zero
      long zero = ~(((x & ~HIGH) + ~HIGH) | x | ~HIGH);
      n += Long.bitCount(zero);
    }
    for (; i < to; i++) {
      if (buf[i] == '\n') {
        n++;
      }
    }
    return n;
  }
}
