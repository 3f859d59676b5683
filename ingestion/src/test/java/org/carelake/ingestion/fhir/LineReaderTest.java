package org.carelake.ingestion.fhir;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineReaderTest {
  private static final int MIB = 1 << 20;

  /** What the reader reported for one line (bytes copied out: the buffer is reused). */
  record Line(byte[] bytes, long offset, long oversize) {
    String text() {
      return new String(bytes, UTF_8);
    }
  }

  static List<Line> readAll(InputStream in, int maxLine) throws IOException {
    LineReader r = new LineReader(in, maxLine);
    List<Line> out = new ArrayList<>();
    while (r.next()) {
      byte[] b = Arrays.copyOfRange(r.buffer(), r.start(), r.start() + r.length());
      out.add(new Line(b, r.offset(), r.oversizeLength()));
    }
    assertFalse(r.next(), "next() stays false after the end");
    return out;
  }

  static List<Line> readAll(String s, int maxLine) throws IOException {
    return readAll(new ByteArrayInputStream(s.getBytes(UTF_8)), maxLine);
  }

  static List<String> texts(List<Line> lines) {
    return lines.stream().map(Line::text).toList();
  }

  static List<Long> offsets(List<Line> lines) {
    return lines.stream().map(Line::offset).toList();
  }

  /** Returns at most {@code max} bytes per read, so lines straddle many refills. */
  static final class TrickleStream extends InputStream {
    private final ByteArrayInputStream in;
    private final int max;
    private final Random random;

    TrickleStream(byte[] data, int max, long seed) {
      this.in = new ByteArrayInputStream(data);
      this.max = max;
      this.random = new Random(seed);
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      return in.read(b, off, Math.min(len, 1 + random.nextInt(max)));
    }
  }

  static byte[] filled(int n, long seed) {
    byte[] b = new byte[n];
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ('a' + r.nextInt(26));
    }
    return b;
  }

  @Test
  void splitsOnLineFeeds() throws IOException {
    List<Line> lines = readAll("a\nbb\nccc\n", 1024);
    assertEquals(List.of("a", "bb", "ccc"), texts(lines));
    assertEquals(List.of(0L, 2L, 5L), offsets(lines));
    lines.forEach(l -> assertEquals(-1, l.oversize()));
  }

  @Test
  void stripsTheCarriageReturnOfCrLf() throws IOException {
    List<Line> lines = readAll("a\r\nbb\r\nx\ry\n", 1024);
    assertEquals(List.of("a", "bb", "x\ry"), texts(lines), "only a \\r right before \\n is a line ending");
    assertEquals(List.of(0L, 3L, 7L), offsets(lines));
  }

  @Test
  void readsALastLineWithoutNewline() throws IOException {
    List<Line> lines = readAll("first\nsecond", 1024);
    assertEquals(List.of("first", "second"), texts(lines));
    assertEquals(List.of(0L, 6L), offsets(lines));
  }

  @Test
  void aTrailingNewlineDoesNotMakeAnExtraLine() throws IOException {
    assertEquals(List.of("only"), texts(readAll("only\n", 1024)));
    assertEquals(List.of("only"), texts(readAll("only\r\n", 1024)));
  }

  @Test
  void keepsEmptyLines() throws IOException {
    List<Line> lines = readAll("\n\na\n\r\n\nb", 1024);
    assertEquals(List.of("", "", "a", "", "", "b"), texts(lines));
    assertEquals(List.of(0L, 1L, 2L, 4L, 6L, 7L), offsets(lines));
  }

  @Test
  void anEmptyStreamHasNoLines() throws IOException {
    assertTrue(readAll("", 1024).isEmpty());
    assertEquals(List.of(""), texts(readAll("\n", 1024)));
  }

  @Test
  void rejectsALimitBelowFourExcerpts() {
    var in = new ByteArrayInputStream(new byte[0]);
    assertThrows(IllegalArgumentException.class, () -> new LineReader(in, 4 * LineReader.EXCERPT - 1));
    new LineReader(in, 4 * LineReader.EXCERPT); // the smallest allowed limit
  }

  @Test
  void linesLongerThanTheInitialBufferSpanRefills() throws IOException {
    byte[] l1 = filled(MIB + MIB / 2, 1); // more than the 1 MiB initial buffer
    byte[] l2 = "short".getBytes(UTF_8);
    byte[] l3 = filled(3 * MIB + 17, 2); // forces the buffer to grow twice
    byte[] l4 = filled(2 * MIB - 3, 3); // last line, no newline, spanning refills
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.write(l1);
    data.write('\n');
    data.write(l2);
    data.write("\r\n".getBytes(UTF_8));
    data.write(l3);
    data.write('\n');
    data.write(l4);

    List<Line> lines = readAll(new ByteArrayInputStream(data.toByteArray()), 8 * MIB);

    assertEquals(4, lines.size());
    assertArrayEquals(l1, lines.get(0).bytes());
    assertArrayEquals(l2, lines.get(1).bytes());
    assertArrayEquals(l3, lines.get(2).bytes());
    assertArrayEquals(l4, lines.get(3).bytes());
    long o2 = l1.length + 1;
    long o3 = o2 + l2.length + 2;
    long o4 = o3 + l3.length + 1;
    assertEquals(List.of(0L, o2, o3, o4), offsets(lines));
    lines.forEach(l -> assertEquals(-1, l.oversize()));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 300, 5000})
  void smallReadsGiveTheSameLines(int maxRead) throws IOException {
    Random r = new Random(maxRead);
    List<String> expected = new ArrayList<>();
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      String s = new String(filled(r.nextInt(3) == 0 ? r.nextInt(4) : r.nextInt(3000), i), UTF_8);
      expected.add(s);
      data.append(s).append(r.nextBoolean() ? "\n" : "\r\n");
    }
    byte[] bytes = data.toString().getBytes(UTF_8);

    List<Line> lines = readAll(new TrickleStream(bytes, maxRead, 42), 4096);

    assertEquals(expected, texts(lines));
    for (Line l : lines) {
      assertEquals(-1, l.oversize());
      byte[] at = Arrays.copyOfRange(bytes, (int) l.offset(), (int) l.offset() + l.bytes().length);
      assertArrayEquals(l.bytes(), at, "offset " + l.offset() + " points at the line");
    }
  }

  @Test
  void anOversizeLineYieldsAnExcerptAndTheFollowingLinesStillRead() throws IOException {
    byte[] huge = filled(2 * MIB + 5, 4);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.write("before\n".getBytes(UTF_8));
    data.write(huge);
    data.write('\n');
    data.write("after\n".getBytes(UTF_8));
    data.write("last".getBytes(UTF_8));

    List<Line> lines = readAll(new ByteArrayInputStream(data.toByteArray()), 4096);

    assertEquals(4, lines.size());
    assertEquals("before", lines.get(0).text());
    Line big = lines.get(1);
    assertEquals(7, big.offset());
    assertEquals(huge.length, big.oversize());
    assertArrayEquals(Arrays.copyOf(huge, LineReader.EXCERPT), big.bytes(), "the excerpt is the start of the line");
    assertEquals("after", lines.get(2).text());
    assertEquals(7 + huge.length + 1, lines.get(2).offset());
    assertEquals(-1, lines.get(2).oversize(), "a normal line after an oversize one is not flagged");
    assertEquals("last", lines.get(3).text());
    assertEquals(7 + huge.length + 1 + 6, lines.get(3).offset());
  }

  @Test
  void anOversizeLineBeyondAGrownBufferIsSkipped() throws IOException {
    int limit = MIB + MIB / 2;
    byte[] fits = filled(limit, 5); // exactly at the limit: still a line
    byte[] tooBig = filled(3 * MIB, 6);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.write(fits);
    data.write('\n');
    data.write(tooBig);
    data.write('\n');
    data.write("tail\n".getBytes(UTF_8));

    List<Line> lines = readAll(new ByteArrayInputStream(data.toByteArray()), limit);

    assertEquals(3, lines.size());
    assertEquals(-1, lines.get(0).oversize());
    assertArrayEquals(fits, lines.get(0).bytes());
    assertEquals(tooBig.length, lines.get(1).oversize());
    assertEquals(fits.length + 1, lines.get(1).offset());
    assertArrayEquals(Arrays.copyOf(tooBig, LineReader.EXCERPT), lines.get(1).bytes());
    assertEquals("tail", lines.get(2).text());
    assertEquals(fits.length + 1 + tooBig.length + 1, lines.get(2).offset());
  }

  @Test
  void anOversizeLastLineWithoutNewline() throws IOException {
    byte[] huge = filled(MIB + 123, 7);
    byte[] data = new byte[3 + huge.length];
    System.arraycopy("ok\n".getBytes(UTF_8), 0, data, 0, 3);
    System.arraycopy(huge, 0, data, 3, huge.length);

    List<Line> lines = readAll(new ByteArrayInputStream(data), 2048);

    assertEquals(2, lines.size());
    assertEquals("ok", lines.get(0).text());
    assertEquals(3, lines.get(1).offset());
    assertEquals(huge.length, lines.get(1).oversize());
    assertArrayEquals(Arrays.copyOf(huge, LineReader.EXCERPT), lines.get(1).bytes());
  }

  @Test
  void consecutiveOversizeLines() throws IOException {
    byte[] a = filled(MIB + 1, 8);
    byte[] b = filled(MIB + 2, 9);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.write(a);
    data.write('\n');
    data.write(b);
    data.write('\n');
    data.write("\n".getBytes(UTF_8));

    List<Line> lines = readAll(new ByteArrayInputStream(data.toByteArray()), 1024);

    assertEquals(3, lines.size());
    assertEquals(List.of((long) a.length, (long) b.length, -1L), lines.stream().map(Line::oversize).toList());
    assertEquals(List.of(0L, a.length + 1L, a.length + b.length + 2L), offsets(lines));
    assertArrayEquals(Arrays.copyOf(b, LineReader.EXCERPT), lines.get(1).bytes());
    assertEquals("", lines.get(2).text());
  }

  /**
   * Whether a line is over the limit must not depend on where it falls in the read buffer: a short oversize line
   * that arrives whole in one read must be flagged just like one that straddles reads.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 100, 1500, MIB})
  void theLimitHoldsWhateverTheReadSizes(int maxRead) throws IOException {
    int limit = 1024;
    byte[] atLimit = filled(limit, 10);
    byte[] over = filled(limit + 1, 11);
    byte[] wayOver = filled(5000, 12);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (byte[] line : List.of(atLimit, over, "x".getBytes(UTF_8), wayOver, atLimit)) {
      data.write(line);
      data.write('\n');
    }
    byte[] bytes = data.toByteArray();

    List<Line> lines = readAll(new TrickleStream(bytes, maxRead, maxRead), limit);

    assertEquals(5, lines.size());
    assertEquals(List.of(-1L, (long) over.length, -1L, (long) wayOver.length, -1L),
        lines.stream().map(Line::oversize).toList());
    assertArrayEquals(atLimit, lines.get(0).bytes());
    assertArrayEquals(Arrays.copyOf(over, LineReader.EXCERPT), lines.get(1).bytes());
    assertEquals("x", lines.get(2).text());
    assertArrayEquals(Arrays.copyOf(wayOver, LineReader.EXCERPT), lines.get(3).bytes());
    assertArrayEquals(atLimit, lines.get(4).bytes());
    long o = 0;
    List<Long> expected = new ArrayList<>();
    for (int len : new int[] {atLimit.length, over.length, 1, wayOver.length, atLimit.length}) {
      expected.add(o);
      o += len + 1;
    }
    assertEquals(expected, offsets(lines));
  }
}
