package org.carelake.ingestion.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.carelake.core.Bytes;
import org.carelake.ingestion.QuarantineReason;

/**
 * Reads the lines of one chunk and yields either its bronze rows or its quarantine rows (two passes share this code
 * so both see exactly the same verdict per line). Lazily: a chunk is never held in memory.
 */
final class ChunkReader implements Iterator<Row>, AutoCloseable {
  enum Emit { BRONZE, QUARANTINE }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Chunk chunk;
  private final BatchContext ctx;
  private final Emit emit;
  private final Consumer<ChunkStats> onDone;
  private final InputStream stream;
  private final LineReader lines;
  private final ParsedLine parsed = new ParsedLine();
  private final Text text = new Text();
  private final MessageDigest sha;
  private final ArrayDeque<Row> pending = new ArrayDeque<>();
  private long lineNo;
  private long accepted;
  private long quarantined;
  private long blank;
  private long tombstones;
  private long mismatches;
  private boolean finished;

  ChunkReader(Chunk chunk, BatchContext ctx, Emit emit, Configuration conf, Consumer<ChunkStats> onDone) {
    this.chunk = chunk;
    this.ctx = ctx;
    this.emit = emit;
    this.onDone = onDone;
    this.lineNo = chunk.firstLine() - 1;
    try {
      this.sha = MessageDigest.getInstance("SHA-256");
      Path path = new Path(chunk.file().uri());
      FSDataInputStream in = path.getFileSystem(conf).open(path, 1 << 20);
      if (chunk.file().gzipped()) {
        this.stream = new GZIPInputStream(in, 1 << 20);
      } else {
        in.seek(chunk.start());
        this.stream = new BoundedStream(in, chunk.length());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + chunk.file().uri(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    this.lines = new LineReader(stream, ctx.maxLineBytes());
  }

  @Override
  public boolean hasNext() {
    while (pending.isEmpty() && !finished) {
      advance();
    }
    return !pending.isEmpty();
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return pending.poll();
  }

  private void advance() {
    try {
      if (!lines.next()) {
        finish();
        return;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("error reading " + chunk.file().uri() + " after line " + lineNo, e);
    }
    lineNo++;
    byte[] buf = lines.buffer();
    int off = lines.start();
    int len = lines.length();
    if (lines.oversizeLength() >= 0) {
      reject(QuarantineReason.LINE_TOO_LONG,
          "line of " + lines.oversizeLength() + " bytes exceeds the limit of " + ctx.maxLineBytes(), buf, off, len,
          lines.oversizeLength());
      return;
    }
    if (isBlank(buf, off, len)) {
      blank++;
      return;
    }
    String json = text.decode(buf, off, len);
    if (json == null) {
      reject(QuarantineReason.INVALID_UTF8, "invalid UTF-8 at byte " + Text.firstInvalid(buf, off, len) + " of the line",
          buf, off, len, len);
      return;
    }
    if (chunk.file().role() == InputRole.DELETIONS) {
      readDeletions(json, buf, off, len);
      return;
    }
    ResourceHeaderParser.parse(buf, off, len, parsed);
    if (parsed.outcome == ParsedLine.Outcome.REJECTED) {
      reject(parsed.reason, parsed.detail, buf, off, len, len);
      return;
    }
    accepted++;
    String declared = chunk.file().declaredType();
    if (declared != null && !declared.equals(parsed.resourceType)) {
      mismatches++;
    }
    if (emit == Emit.BRONZE) {
      sha.update(buf, off, len);
      pending.add(RowFactory.create(ctx.batchId(), ctx.source(), parsed.resourceType, parsed.id, parsed.versionId,
          instant(parsed.lastUpdated), parsed.patientId, false, declared, json, Bytes.hex(sha.digest()),
          chunk.file().uri(), lineNo, ctx.ingestedAt()));
    }
  }

  /** A deletion line is a Bundle whose entries are DELETE requests; each becomes a tombstone. */
  private void readDeletions(String json, byte[] buf, int off, int len) {
    JsonNode bundle;
    try {
      bundle = MAPPER.readTree(json);
    } catch (IOException e) {
      reject(QuarantineReason.MALFORMED_JSON, e.getMessage().lines().findFirst().orElse(""), buf, off, len, len);
      return;
    }
    if (!bundle.isObject() || !"Bundle".equals(bundle.path("resourceType").asText())) {
      reject(QuarantineReason.INVALID_DELETION, "a deletion line must be a Bundle", buf, off, len, len);
      return;
    }
    String bundleTime = bundle.path("meta").path("lastUpdated").asText(null);
    int before = pending.size();
    long found = 0;
    for (JsonNode entry : bundle.path("entry")) {
      JsonNode request = entry.path("request");
      String url = request.path("url").asText("");
      int slash = url.indexOf('/');
      if (!"DELETE".equalsIgnoreCase(request.path("method").asText()) || slash <= 0 || slash == url.length() - 1) {
        while (pending.size() > before) {
          pending.pollLast();
        }
        reject(QuarantineReason.INVALID_DELETION,
            "entry " + found + " is not a DELETE of Type/id: " + entry.toString(), buf, off, len, len);
        return;
      }
      found++;
      String type = url.substring(0, slash);
      String id = url.substring(slash + 1);
      String when = entry.path("response").path("lastModified").asText(bundleTime != null ? bundleTime : ctx.transactionTime());
      String entryJson = entry.toString();
      byte[] entryBytes = entryJson.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (emit == Emit.BRONZE) {
        pending.add(RowFactory.create(ctx.batchId(), ctx.source(), type, id, null, instant(when),
            "Patient".equals(type) ? id : null, true, chunk.file().declaredType(), entryJson,
            Bytes.hex(sha.digest(entryBytes)), chunk.file().uri(), lineNo, ctx.ingestedAt()));
      }
    }
    if (found == 0) {
      reject(QuarantineReason.INVALID_DELETION, "the Bundle has no DELETE entries", buf, off, len, len);
      return;
    }
    accepted++;
    tombstones += found;
  }

  private void reject(QuarantineReason reason, String detail, byte[] buf, int off, int len, long fullLength) {
    quarantined++;
    if (emit == Emit.QUARANTINE) {
      long offset = chunk.file().gzipped() ? lines.offset() : chunk.start() + lines.offset();
      pending.add(RowFactory.create(ctx.batchId(), "fhir_ndjson", ctx.source(), chunk.file().uri(), lineNo, offset,
          fullLength, reason.code(), detail, Text.excerpt(buf, off, len, LineReader.EXCERPT), ctx.ingestedAt()));
    }
  }

  private void finish() {
    finished = true;
    close();
    long seen = lineNo - chunk.firstLine() + 1;
    if (seen != chunk.lines()) {
      throw new IllegalStateException(chunk.file().uri() + " changed since it was fingerprinted: expected "
          + chunk.lines() + " lines in bytes " + chunk.start() + ".." + chunk.end() + ", read " + seen);
    }
    onDone.accept(new ChunkStats(chunk.index(), seen, accepted, quarantined, blank, tombstones, mismatches));
  }

  private static boolean isBlank(byte[] buf, int off, int len) {
    for (int i = off; i < off + len; i++) {
      byte b = buf[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  static Timestamp instant(String fhirInstant) {
    if (fhirInstant == null) {
      return null;
    }
    try {
      return Timestamp.from(OffsetDateTime.parse(fhirInstant).toInstant());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Override
  public void close() {
    try {
      stream.close();
    } catch (IOException e) {
      // closing a read-only stream: nothing left to lose
    }
  }

  /** Limits reads to the chunk's byte range. */
  private static final class BoundedStream extends InputStream {
    private final InputStream in;
    private long left;

    BoundedStream(InputStream in, long limit) {
      this.in = in;
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
