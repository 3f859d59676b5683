package org.carelake.ingestion.fhir.export;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carelake.core.Bytes;

/**
 * Downloads one export file into a local partial file, continuing a partial file with an HTTP Range request (from a
 * broken connection or an earlier crashed run) and hashing the bytes with SHA-256 as they arrive.
 */
final class FileDownloader {
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+|\\*)(?:-(\\d+))?/(\\d+|\\*)");
  private static final int BUFFER = 1 << 16;

  /** A finished file: its size, hex SHA-256, and whether it continued earlier bytes. */
  record Result(long size, String sha256, boolean resumed) {}

  private final BulkHttp http;
  private final DownloadProgress progress;

  FileDownloader(BulkHttp http, DownloadProgress progress) {
    this.http = http;
    this.progress = progress;
  }

  Result fetch(URI url, Path partial, boolean withToken) throws IOException {
    Files.createDirectories(partial.getParent());
    MessageDigest sha = sha256();
    long have = hashPrefix(partial, sha);
    boolean resumed = have > 0;
    RetryPolicy policy = http.policy();
    int failures = 0;
    while (true) {
      String problem;
      String retryAfter = null;
      long before = have;
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Accept", "application/fhir+ndjson");
      if (have > 0) {
        headers.put("Range", "bytes=" + have + "-");
      }
      try {
        HttpResponse<InputStream> r = http.stream(url, headers, withToken);
        int status = r.statusCode();
        if (status == 416 && have > 0) {
          r.body().close();
          long total = total(r.headers().firstValue("Content-Range").orElse(""));
          if (total == have) {
            return new Result(have, Bytes.hex(sha.digest()), resumed);
          }
          problem = "the server cannot continue at byte " + have + " (HTTP 416); starting the file over";
          have = restart(partial, sha);
        } else if (status == 200 || status == 206) {
          if (status == 206) {
            long start = start(r.headers().firstValue("Content-Range").orElse(""));
            if (start != have) {
              r.body().close();
              // A range we did not ask for: trust nothing of it and start over.
              have = restart(partial, sha);
              throw new IOException("Content-Range starts at " + start + ", asked for " + before);
            }
          } else if (have > 0) {
            // The server ignored the Range header: the whole file comes again.
            have = restart(partial, sha);
            before = 0;
          }
          long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
          long expected = length >= 0 ? have + length : -1;
          have = copy(r.body(), partial, sha, have);
          if (expected < 0 || have >= expected) {
            return new Result(have, Bytes.hex(sha.digest()), resumed);
          }
          problem = "the connection ended after " + have + " of " + expected + " bytes";
        } else if (status == 429 || status >= 500 || status == 401 && withToken && http.auth().refreshable()) {
          problem = "HTTP " + status + BulkHttp.describe(body(r));
          retryAfter = r.headers().firstValue("Retry-After").orElse(null);
        } else {
          throw new BulkExportException(http.auth().redact("download of " + url + " failed: HTTP " + status
              + BulkHttp.describe(body(r))), status, null);
        }
      } catch (IOException e) {
        problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        // What reached the file is what counts: take the digest and length from it.
        sha.reset();
        have = hashPrefix(partial, sha);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BulkExportException("download of " + url + " was interrupted", 0, e);
      }
      // Attempts count failures in a row: a connection that keeps delivering bytes keeps its chances.
      failures = have > before ? 1 : failures + 1;
      if (failures >= policy.maxAttempts()) {
        throw new BulkExportException("download of " + url + " failed after " + failures + " attempts: " + problem
            + " (" + have + " bytes kept; run the export again to continue)", 0, null);
      }
      http.sleep(policy.delay(failures, retryAfter));
    }
  }

  private long copy(InputStream body, Path partial, MessageDigest sha, long have) throws IOException {
    long n = have;
    try (InputStream in = body;
         FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
             StandardOpenOption.APPEND)) {
      byte[] buf = new byte[BUFFER];
      int read;
      while ((read = in.read(buf)) >= 0) {
        // Straight to the file: whatever arrived is on disk should the process die now.
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, read);
        while (bb.hasRemaining()) {
          out.write(bb);
        }
        sha.update(buf, 0, read);
        n += read;
        progress.add(read);
      }
    }
    return n;
  }

  /** Reads what an earlier attempt left into the digest; returns its length. */
  private static long hashPrefix(Path partial, MessageDigest sha) throws IOException {
    if (!Files.exists(partial)) {
      return 0;
    }
    long n = 0;
    try (InputStream in = Files.newInputStream(partial)) {
      byte[] buf = new byte[BUFFER];
      int read;
      while ((read = in.read(buf)) >= 0) {
        sha.update(buf, 0, read);
        n += read;
      }
    }
    return n;
  }

  private static long restart(Path partial, MessageDigest sha) throws IOException {
    Files.deleteIfExists(partial);
    sha.reset();
    return 0;
  }

  private static String body(HttpResponse<InputStream> r) throws IOException {
    try (InputStream in = r.body()) {
      byte[] b = in.readNBytes(64 << 10);
      return new String(b, StandardCharsets.UTF_8);
    }
  }

  static long start(String contentRange) {
    Matcher m = CONTENT_RANGE.matcher(contentRange.strip());
    return m.matches() && !m.group(1).equals("*") ? Long.parseLong(m.group(1)) : -1;
  }

  static long total(String contentRange) {
    Matcher m = CONTENT_RANGE.matcher(contentRange.strip());
    return m.matches() && !m.group(3).equals("*") ? Long.parseLong(m.group(3)) : -1;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
