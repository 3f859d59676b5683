package org.carelake.ingestion.fhir;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileScannerTest {
  private static final Configuration CONF = new Configuration();
  private static final long BIG = 1L << 40;

  @TempDir
  Path dir;

  static String sha256(byte[] data) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  static InputFile input(Path p) {
    return new InputFile(p.toUri().toString(), "Observation", InputRole.RESOURCES);
  }

  Path write(String name, byte[] data) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, data);
    return p;
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  /** Lines of varied length (some empty, some far longer than small chunk sizes), joined with \n or \r\n. */
  static byte[] ndjson(int lines, int maxLength, boolean trailingNewline, long seed) {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      if (r.nextInt(12) != 0 || i == lines - 1) { // else an empty line
        b.append("{\"resourceType\":\"Basic\",\"id\":\"").append(i).append("\",\"x\":\"");
        int len = r.nextInt(maxLength);
        for (int j = 0; j < len; j++) {
          b.append((char) ('a' + r.nextInt(26)));
        }
        b.append("\"}");
      }
      if (i < lines - 1 || trailingNewline) {
        b.append(r.nextInt(4) == 0 ? "\r\n" : "\n");
      }
    }
    return b.toString().getBytes(UTF_8);
  }

  /** The lines of {@code data} by the same rules as the reader. */
  static List<String> lines(byte[] data) throws IOException {
    return LineReaderTest.texts(LineReaderTest.readAll(new ByteArrayInputStream(data), 1 << 24));
  }

  /** Checks that the chunks tile the file at line ends, and that reading each chunk yields exactly its lines. */
  static void assertChunksCoverAllLines(FileScan scan, byte[] data, long chunkBytes) throws IOException {
    List<String> expected = lines(data);
    assertEquals(expected.size(), scan.lines());
    List<Chunk> chunks = scan.chunks();
    List<String> seen = new ArrayList<>();
    long at = 0;
    for (int c = 0; c < chunks.size(); c++) {
      Chunk chunk = chunks.get(c);
      assertEquals(at, chunk.start(), "chunk " + c + " starts where the previous one ended");
      assertTrue(chunk.end() > chunk.start(), "chunk " + c + " is not empty");
      boolean last = c == chunks.size() - 1;
      if (!last) {
        assertEquals('\n', data[(int) chunk.end() - 1], "chunk " + c + " ends right after a newline");
        assertTrue(chunk.length() >= chunkBytes, "chunk " + c + " is at least chunkBytes long");
        int earlier = (int) (chunk.start() + chunkBytes - 1);
        for (int i = earlier; i < chunk.end() - 1; i++) {
          assertTrue(data[i] != '\n', "chunk " + c + " should have ended after the newline at " + i);
        }
      }
      assertEquals(seen.size() + 1, chunk.firstLine(), "firstLine of chunk " + c);
      List<String> own = lines(Arrays.copyOfRange(data, (int) chunk.start(), (int) chunk.end()));
      assertEquals(own.size(), chunk.lines(), "lines of chunk " + c);
      seen.addAll(own);
      assertEquals(scan.file(), chunk.file());
      at = chunk.end();
    }
    assertEquals(data.length, at, "the chunks reach the end of the file");
    assertEquals(expected, seen, "every line exactly once, in order");
  }

  @Test
  void fingerprintsAPlainFile() throws Exception {
    byte[] data = ndjson(50, 200, true, 1);
    Path p = write("Observation.ndjson", data);
    InputFile in = input(p);

    FileScan scan = FileScanner.scan(in, BIG, CONF);

    assertNull(scan.error());
    assertEquals(in, scan.file());
    assertEquals(data.length, scan.size());
    assertEquals(sha256(Files.readAllBytes(p)), scan.sha256());
    assertEquals(lines(data).size(), scan.lines());
    assertEquals(List.of(new Chunk(-1, in, 0, data.length, 1, scan.lines())), scan.chunks());
  }

  @Test
  void fingerprintsAFileLargerThanTheReadBuffer() throws Exception {
    byte[] data = ndjson(3000, 2000, false, 2); // ~3 MB: several 1 MiB reads
    assertTrue(data.length > 2 << 20);
    FileScan scan = FileScanner.scan(input(write("Big.ndjson", data)), BIG, CONF);
    assertNull(scan.error());
    assertEquals(sha256(data), scan.sha256());
    assertEquals(3000, scan.lines());
    assertEquals(1, scan.chunks().size());
  }

  @ParameterizedTest(name = "\"{0}\" has {1} lines")
  @CsvSource(delimiter = '|', value = {
      "a\\nb\\nc\\n | 3",
      "a\\nb\\nc | 3",
      "a | 1",
      "\\n | 1",
      "\\n\\n | 2",
      "a\\r\\nb\\r\\n | 2",
      "a\\n\\nb | 3",
  })
  void countsLinesWithAndWithoutTrailingNewline(String escaped, long lines) throws Exception {
    byte[] data = escaped.replace("\\n", "\n").replace("\\r", "\r").getBytes(UTF_8);
    FileScan scan = FileScanner.scan(input(write("x.ndjson", data)), BIG, CONF);
    assertNull(scan.error());
    assertEquals(lines, scan.lines());
    assertEquals(lines(data).size(), scan.lines(), "the scan and the reader agree");
    assertEquals(1, scan.chunks().size());
    assertEquals(lines, scan.chunks().get(0).lines());
    assertEquals(sha256(data), scan.sha256());
  }

  @Test
  void anEmptyFileHasNoLinesAndNoChunks() throws Exception {
    FileScan scan = FileScanner.scan(input(write("empty.ndjson", new byte[0])), 100, CONF);
    assertNull(scan.error());
    assertEquals(0, scan.size());
    assertEquals(0, scan.lines());
    assertEquals(List.of(), scan.chunks());
    assertEquals(sha256(new byte[0]), scan.sha256());
  }

  @ParameterizedTest(name = "chunkBytes {0}")
  @ValueSource(longs = {1, 37, 100, 1000, 4096})
  void smallChunksEndAfterANewlineAndCoverEveryLineOnce(long chunkBytes) throws Exception {
    for (boolean trailing : new boolean[] {true, false}) {
      byte[] data = ndjson(300, 600, trailing, chunkBytes);
      FileScan scan = FileScanner.scan(input(write("chunks-" + trailing + ".ndjson", data)), chunkBytes, CONF);
      assertNull(scan.error());
      assertEquals(sha256(data), scan.sha256());
      assertTrue(scan.chunks().size() > 1);
      assertChunksCoverAllLines(scan, data, chunkBytes);
    }
  }

  @Test
  void chunkBytesOfOneMakesOneChunkPerLine() throws Exception {
    byte[] data = "a\n\nbb\r\nccc".getBytes(UTF_8);
    InputFile in = input(write("one.ndjson", data));
    FileScan scan = FileScanner.scan(in, 1, CONF);
    assertEquals(List.of(new Chunk(-1, in, 0, 2, 1, 1), new Chunk(-1, in, 2, 3, 2, 1), new Chunk(-1, in, 3, 7, 3, 1),
        new Chunk(-1, in, 7, 10, 4, 1)), scan.chunks());
    assertEquals(4, scan.lines());
  }

  @Test
  void chunkBoundariesAcrossReadBuffers() throws Exception {
    byte[] data = ndjson(4000, 1500, true, 3); // ~3 MB, boundaries fall across 1 MiB reads
    long chunkBytes = 256 << 10;
    FileScan scan = FileScanner.scan(input(write("buffers.ndjson", data)), chunkBytes, CONF);
    assertNull(scan.error());
    assertTrue(scan.chunks().size() >= 8, "chunks: " + scan.chunks().size());
    assertChunksCoverAllLines(scan, data, chunkBytes);
  }

  @Test
  void aGzipFileIsOneChunkWithLinesCountedOnTheDecompressedContent() throws Exception {
    byte[] plain = ndjson(500, 400, false, 4);
    byte[] gz = gzip(plain);
    Path p = write("Observation.ndjson.gz", gz);
    InputFile in = input(p);
    assertTrue(in.gzipped());

    FileScan scan = FileScanner.scan(in, 64, CONF); // chunkBytes is ignored for gzip

    assertNull(scan.error());
    assertEquals(gz.length, scan.size());
    assertEquals(sha256(Files.readAllBytes(p)), scan.sha256(), "the fingerprint is of the stored (compressed) bytes");
    assertEquals(500, scan.lines());
    assertEquals(List.of(new Chunk(-1, in, 0, gz.length, 1, 500)), scan.chunks());
  }

  @Test
  void aGzipFileWithATrailingNewline() throws Exception {
    byte[] gz = gzip("a\nb\n".getBytes(UTF_8));
    FileScan scan = FileScanner.scan(input(write("t.ndjson.gz", gz)), BIG, CONF);
    assertNull(scan.error());
    assertEquals(2, scan.lines());
    assertEquals(sha256(gz), scan.sha256());
  }

  @Test
  void aLargeIncompressibleGzipFile() throws Exception {
    // Random bytes do not compress: the compressed file spans several 1 MiB buffers.
    Random r = new Random(5);
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    int lines = 0;
    while (plain.size() < 3 << 20) {
      byte[] line = new byte[r.nextInt(20_000)];
      r.nextBytes(line);
      for (int i = 0; i < line.length; i++) {
        if (line[i] == '\n') {
          line[i] = ' ';
        }
      }
      plain.write(line);
      plain.write('\n');
      lines++;
    }
    byte[] gz = gzip(plain.toByteArray());
    assertTrue(gz.length > 3 << 20);

    FileScan scan = FileScanner.scan(input(write("big.ndjson.gz", gz)), BIG, CONF);

    assertNull(scan.error());
    assertEquals(sha256(gz), scan.sha256());
    assertEquals(lines, scan.lines());
    assertEquals(gz.length, scan.chunks().get(0).end());
  }

  @Test
  void concatenatedGzipMembersCountAsOneStream() throws Exception {
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.write(gzip("a\nb\n".getBytes(UTF_8)));
    both.write(gzip("c\nd\ne".getBytes(UTF_8)));
    byte[] gz = both.toByteArray();
    FileScan scan = FileScanner.scan(input(write("multi.ndjson.gz", gz)), BIG, CONF);
    assertNull(scan.error());
    assertEquals(5, scan.lines());
    assertEquals(sha256(gz), scan.sha256());
  }

  @Test
  void bytesAfterTheGzipStreamStillCountInTheFingerprint() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(gzip("a\nb\nc\n".getBytes(UTF_8)));
    out.write(new byte[5000]); // padding some tools leave after the last member
    byte[] gz = out.toByteArray();
    FileScan scan = FileScanner.scan(input(write("padded.ndjson.gz", gz)), BIG, CONF);
    assertNull(scan.error());
    assertEquals(3, scan.lines());
    assertEquals(sha256(gz), scan.sha256());
  }

  @Test
  void aSyntheaFixtureMatchesItsDecompressedLineCount() throws Exception {
    Path fixture = Path.of(System.getProperty("user.dir"), "src/test/resources/fixtures/synthea-3/Observation.ndjson.gz");
    byte[] gz = Files.readAllBytes(fixture);
    byte[] plain;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      plain = in.readAllBytes();
    }
    FileScan scan = FileScanner.scan(input(fixture), 1024, CONF);
    assertNull(scan.error());
    assertEquals(lines(plain).size(), scan.lines());
    assertTrue(scan.lines() > 100);
    assertEquals(sha256(gz), scan.sha256());
  }

  @Test
  void aMissingFileIsReportedNotThrown() {
    InputFile in = input(dir.resolve("gone.ndjson"));
    FileScan scan = FileScanner.scan(in, BIG, CONF);
    assertNotNull(scan.error());
    assertTrue(scan.error().contains("gone.ndjson") || scan.error().contains("FileNotFound"), scan.error());
    assertEquals(-1, scan.size());
    assertNull(scan.sha256());
    assertEquals(List.of(), scan.chunks());
  }

  @Test
  void aCorruptGzipFileIsReportedNotThrown() throws Exception {
    FileScan scan = FileScanner.scan(input(write("bad.ndjson.gz", "not gzip at all\n".getBytes(UTF_8))), BIG, CONF);
    assertNotNull(scan.error());
    assertNull(scan.sha256());
    assertEquals(List.of(), scan.chunks());
  }
}
