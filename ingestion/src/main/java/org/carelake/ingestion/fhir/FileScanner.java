package org.carelake.ingestion.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.carelake.core.Bytes;

/**
 * Reads a file once: SHA-256 of the stored bytes (the ledger fingerprint), its line count, and chunk boundaries at
 * line ends so that the parse can run in parallel with exact line numbers.
 */
public final class FileScanner {
  private static final int BUFFER = 1 << 20;

  private FileScanner() {}

  public static FileScan scan(InputFile file, long chunkBytes, Configuration conf) {
    Path path = new Path(file.uri());
    try {
      FileSystem fs = path.getFileSystem(conf);
      long size = fs.getFileStatus(path).getLen();
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (InputStream raw = fs.open(path, BUFFER)) {
        if (file.gzipped()) {
          DigestInputStream digesting = new DigestInputStream(raw, sha);
          long lines;
          try (InputStream in = new GZIPInputStream(digesting, BUFFER)) {
            lines = countLines(in);
            // drained before the GZIPInputStream closes (and with it the file)
            byte[] rest = new byte[8192];
            while (digesting.read(rest) >= 0) {
              // gzip trailers past the last member still belong to the fingerprint
            }
          }
          List<Chunk> one = List.of(new Chunk(-1, file, 0, size, 1, lines));
          return new FileScan(file, size, Bytes.hex(sha.digest()), lines, one, null);
        }
        return scanPlain(file, raw, size, chunkBytes, sha);
      }
    } catch (IOException | RuntimeException e) {
      return new FileScan(file, -1, null, 0, List.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static FileScan scanPlain(InputFile file, InputStream in, long size, long chunkBytes, MessageDigest sha)
      throws IOException {
    List<Chunk> chunks = new ArrayList<>();
    byte[] buf = new byte[BUFFER];
    long offset = 0;
    long lines = 0;
    long chunkStart = 0;
    long chunkFirstLine = 1;
    int lastByte = '\n';
    int n;
    while ((n = in.read(buf)) > 0) {
      sha.update(buf, 0, n);
      int p = 0;
      while (p < n) {
        // a newline at or after this index ends the current chunk (it then holds at least chunkBytes)
        int from = (int) Math.max(p, Math.min(n, chunkStart + chunkBytes - 1 - offset));
        lines += Newlines.count(buf, p, from);
        int nl = from < n ? Newlines.indexOf(buf, from, n) : -1;
        if (nl < 0) {
          break;
        }
        lines++;
        long next = offset + nl + 1;
        chunks.add(new Chunk(-1, file, chunkStart, next, chunkFirstLine, lines - chunkFirstLine + 1));
        chunkStart = next;
        chunkFirstLine = lines + 1;
        p = nl + 1;
      }
      lastByte = buf[n - 1];
      offset += n;
    }
    if (lastByte != '\n') {
      lines++;
    }
    if (offset > chunkStart) {
      chunks.add(new Chunk(-1, file, chunkStart, offset, chunkFirstLine, lines - chunkFirstLine + 1));
    }
    if (offset != size) {
      throw new IOException("file changed while reading: expected " + size + " bytes, read " + offset);
    }
    return new FileScan(file, size, Bytes.hex(sha.digest()), lines, chunks, null);
  }

  private static long countLines(InputStream in) throws IOException {
    byte[] buf = new byte[BUFFER];
    long lines = 0;
    int lastByte = '\n';
    int n;
    while ((n = in.read(buf)) > 0) {
      lines += Newlines.count(buf, 0, n);
      lastByte = buf[n - 1];
    }
    return lastByte == '\n' ? lines : lines + 1;
  }
}
