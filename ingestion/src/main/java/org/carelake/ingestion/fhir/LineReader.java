package org.carelake.ingestion.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it. A line longer than the limit is not buffered: its first bytes
 * are kept as an excerpt and the rest is skipped, so one huge line cannot exhaust memory.
 */
final class LineReader {
  static final int EXCERPT = 256;

  private final InputStream in;
  private final int maxLine;
  private byte[] buf = new byte[1 << 20];
  private int pos;
  private int lim;
  private boolean eof;
  private long streamOffset; // offset in the stream of buf[0]

  private int lineStart;
  private int lineLength;
  private long lineOffset;
  private long oversizeLength;

  LineReader(InputStream in, int maxLine) {
    if (maxLine < 4 * EXCERPT) {
      throw new IllegalArgumentException("line limit must be at least " + 4 * EXCERPT + " bytes");
    }
    this.in = in;
    this.maxLine = maxLine;
  }

  /** Advances to the next line; false at the end of the stream. */
  boolean next() throws IOException {
    oversizeLength = -1;
    int scanFrom = pos;
    while (true) {
      int i = Newlines.indexOf(buf, scanFrom, lim);
      if (i >= 0) {
        if (i - pos > maxLine) {
          // over the limit although it arrived whole in the buffer: flagged like one that had to be skipped
          setOversizeLine(pos, i - pos);
        } else {
          setLine(pos, i);
        }
        pos = i + 1;
        return true;
      }
      if (eof) {
        if (pos < lim && lim - pos > maxLine) {
          setOversizeLine(pos, lim - pos);
          pos = lim;
          return true;
        }
        if (pos < lim) {
          setLine(pos, lim);
          pos = lim;
          return true;
        }
        return false;
      }
      if (lim - pos > maxLine) {
        skipOversizeLine();
        return true;
      }
      scanFrom = lim - pos;
      compactAndFill();
      scanFrom += pos;
    }
  }

  private void setLine(int start, int newline) {
    int end = newline;
    if (end > start && buf[end - 1] == '\r') {
      end--;
    }
    lineStart = start;
    lineLength = end - start;
    lineOffset = streamOffset + start;
  }

  private void setOversizeLine(int start, long length) {
    lineStart = start;
    lineLength = EXCERPT;
    lineOffset = streamOffset + start;
    oversizeLength = length;
  }

  private void compactAndFill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      streamOffset += pos;
      lim -= pos;
      pos = 0;
    }
    if (lim == buf.length) {
      buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, (long) maxLine + 2));
    }
    int n = in.read(buf, lim, buf.length - lim);
    if (n < 0) {
      eof = true;
    } else {
      lim += n;
    }
  }

  /** Keeps an excerpt at the start of the buffer and drops everything up to the next newline. */
  private void skipOversizeLine() throws IOException {
    long lineAt = streamOffset + pos;
    long length = lim - pos;
    System.arraycopy(buf, pos, buf, 0, EXCERPT);
    long readAt = streamOffset + lim; // stream offset of the next byte to read
    int area = EXCERPT;
    while (true) {
      int n = in.read(buf, area, buf.length - area);
      if (n < 0) {
        eof = true;
        streamOffset = readAt - area;
        pos = area;
        lim = area;
        break;
      }
      int nl = Newlines.indexOf(buf, area, area + n);
      if (nl >= 0) {
        length += nl - area;
        int rest = area + n - (nl + 1);
        System.arraycopy(buf, nl + 1, buf, area, rest);
        streamOffset = readAt + (nl + 1 - area) - area;
        pos = area;
        lim = area + rest;
        break;
      }
      length += n;
      readAt += n;
    }
    lineStart = 0;
    lineLength = EXCERPT;
    lineOffset = lineAt;
    oversizeLength = length;
  }

  byte[] buffer() {
    return buf;
  }

  int start() {
    return lineStart;
  }

  int length() {
    return lineLength;
  }

  /** Byte offset of the line in the (decompressed) stream, relative to where the reader started. */
  long offset() {
    return lineOffset;
  }

  /** The full length of an oversize line (of which only an excerpt is available), or -1 for a normal line. */
  long oversizeLength() {
    return oversizeLength;
  }
}
