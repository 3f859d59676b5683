package org.carelake.ingestion.hl7;

import java.util.Arrays;

/**
 * A reusable growable byte buffer for the splitter: like {@link java.io.ByteArrayOutputStream} without its locks,
 * and with its array readable in place, so a segment is not copied once more just to be looked at.
 */
final class ByteRun {
  private byte[] buf;
  private int count;

  ByteRun(int capacity) {
    buf = new byte[capacity];
  }

  void write(int b) {
    grow(1);
    buf[count++] = (byte) b;
  }

  void write(byte[] b, int off, int len) {
    grow(len);
    System.arraycopy(b, off, buf, count, len);
    count += len;
  }

  private void grow(int more) {
    if (count + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(count + more, buf.length * 2));
    }
  }

  void reset() {
    count = 0;
  }

  int size() {
    return count;
  }

  /** The backing array; only its first {@link #size()} bytes are the content. */
  byte[] array() {
    return buf;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, count);
  }
}
