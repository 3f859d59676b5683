package org.carelake.ingestion.hl7.mllp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a byte stream into MLLP frames: {@code 0x0B payload 0x1C 0x0D}. Bytes between frames are skipped (senders
 * often put CR or LF there); a start block inside a frame abandons the frame cut short and starts a new one; the end
 * of the stream inside a frame drops it (it was never complete, so it is never acknowledged). The CR after the end
 * block is not waited for: some senders omit it, and waiting would stall their acknowledgment.
 */
final class MllpFrameReader {
  static final byte START = 0x0B;
  static final byte END = 0x1C;
  static final byte CR = 0x0D;

  private final InputStream in;
  private final int maxPayloadBytes;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  private long skippedBytes;
  private long abandonedFrames;

  MllpFrameReader(InputStream in, int maxPayloadBytes) {
    this.in = in;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  /** The next frame, or null when the stream ends (inside a frame or between frames). */
  MllpFrame next() throws IOException {
    while (true) {
      if (pos == lim && !fill()) {
        return null;
      }
      byte b = buf[pos++];
      if (b == START) {
        break;
      }
      if (b != CR && b != '\n') {
        skippedBytes++;
      }
    }
    byte[] f = new byte[Math.min(4096, maxPayloadBytes + 3)];
    f[0] = START;
    int len = 1;
    long received = 0;
    while (true) {
      if (pos == lim && !fill()) {
        return null;
      }
      int i = pos;
      while (i < lim && buf[i] != END && buf[i] != START) {
        i++;
      }
      int n = i - pos;
      received += n;
      int fits = (int) Math.min(n, (long) maxPayloadBytes + 1 - len);
      if (fits > 0) {
        if (len + fits + 2 > f.length) {
          f = Arrays.copyOf(f, (int) Math.min((long) maxPayloadBytes + 3, Math.max(2L * f.length, len + fits + 2L)));
        }
        System.arraycopy(buf, pos, f, len, fits);
        len += fits;
      }
      pos = i;
      if (i == lim) {
        continue;
      }
      if (buf[pos++] == START) {
        abandonedFrames++;
        len = 1;
        received = 0;
        continue;
      }
      boolean tooLong = received > maxPayloadBytes;
      if (!tooLong) {
        f[len++] = END;
        f[len++] = CR;
      }
      return new MllpFrame(f, tooLong ? len - 1 : len - 3, received, tooLong);
    }
  }

  /** True when a whole frame is already buffered: reading it cannot block. */
  boolean hasBufferedFrame() {
    int i = pos;
    while (i < lim && buf[i] != START) {
      i++;
    }
    for (i++; i < lim; i++) {
      if (buf[i] == END) {
        return true;
      }
    }
    return false;
  }

  /** True when bytes of a next frame have arrived but are not read yet. */
  boolean hasBufferedBytes() {
    for (int i = pos; i < lim; i++) {
      if (buf[i] != CR && buf[i] != '\n') {
        return true;
      }
    }
    return false;
  }

  long skippedBytes() {
    return skippedBytes;
  }

  long abandonedFrames() {
    return abandonedFrames;
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      pos = 0;
      lim = 0;
      return false;
    }
    pos = 0;
    lim = n;
    return true;
  }
}
