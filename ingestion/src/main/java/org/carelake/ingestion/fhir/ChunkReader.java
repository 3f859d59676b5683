package org.carelake.ingestion.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
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
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.carelake.core.Bytes;
import org.carelake.core.Utf8;
import org.carelake.ingestion.QuarantineReason;

/**
 * Reads the lines of one chunk and yields either its bronze rows or its quarantine rows (two passes share this code
 * so both see exactly the same verdict per line). Lazily: a chunk is never held in memory.
 */
final class ChunkReader implements Iterator<InternalRow>, AutoCloseable {
  enum Emit { BRONZE, QUARANTINE }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final UTF8String KIND = UTF8String.fromString(FhirBulkIngest.KIND);

  private final Chunk chunk;
  private final BatchContext ctx;
  private final Emit emit;
  private final Consumer<ChunkStats> onDone;
  private final InputStream stream;
  private final LineReader lines;
  private final ParsedLine parsed = new ParsedLine();
  private final MessageDigest sha;
  private final ArrayDeque<InternalRow> pending = new ArrayDeque<>();
  private final UTF8String batchId;
  private final UTF8String source;
  private final UTF8String file;
  private final UTF8String declaredType;
  private final long ingestedMicros;
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
    this.batchId = UTF8String.fromString(ctx.batchId());
    this.source = UTF8String.fromString(ctx.source());
    this.file = UTF8String.fromString(chunk.file().uri());
    this.declaredType = chunk.file().declaredType() == null ? null : UTF8String.fromString(chunk.file().declaredType());
    this.ingestedMicros = micros(ctx.ingestedAt().toInstant());
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
  public InternalRow next() {
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
    if (chunk.file().role() == InputRole.DELETIONS) {
      if (!Utf8.isValid(buf, off, len)) {
        reject(QuarantineReason.INVALID_UTF8, "invalid UTF-8 at byte " + Text.firstInvalid(buf, off, len)
            + " of the line", buf, off, len, len);
      } else {
        readDeletions(new String(buf, off, len, StandardCharsets.UTF_8), buf, off, len);
      }
      return;
    }
    // The parser checks the UTF-8 too (in the same pass as the JSON, for the lines it reads fast).
    ResourceHeaderParser.parse(buf, off, len, parsed);
    if (parsed.reason == QuarantineReason.MISSING_ID && chunk.file().role() == InputRole.ERRORS
        && "OperationOutcome".equals(parsed.resourceType)) {
      sha.update(buf, off, len);
      parsed.id = Bytes.hex(sha.digest()).substring(0, 32);
      parsed.outcome = ParsedLine.Outcome.ACCEPTED;
    }
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
      pending.add(new GenericInternalRow(new Object[] {batchId, source, utf8(parsed.resourceType), utf8(parsed.id),
          utf8(parsed.versionId), micros(parsed.lastUpdated), utf8(parsed.patientId), false, declaredType,
          UTF8String.fromBytes(Arrays.copyOfRange(buf, off, off + len)), UTF8String.fromBytes(Bytes.hexAscii(sha.digest())),
          file, lineNo, ingestedMicros}));
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
      byte[] entryBytes = entryJson.getBytes(StandardCharsets.UTF_8);
      if (emit == Emit.BRONZE) {
        pending.add(new GenericInternalRow(new Object[] {batchId, source, utf8(type), utf8(id), null, micros(when),
            "Patient".equals(type) ? utf8(id) : null, true, declaredType, UTF8String.fromBytes(entryBytes),
            UTF8String.fromBytes(Bytes.hexAscii(sha.digest(entryBytes))), file, lineNo, ingestedMicros}));
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
      pending.add(new GenericInternalRow(new Object[] {batchId, KIND, source, file, lineNo, offset, fullLength,
          utf8(reason.code()), utf8(detail), utf8(Text.excerpt(buf, off, len, LineReader.EXCERPT)), ingestedMicros}));
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

  /** A FHIR instant as Spark's timestamp value (microseconds since the epoch), or null when absent or invalid. */
  static Long micros(String fhirInstant) {
    if (fhirInstant == null) {
      return null;
    }
    try {
      return micros(OffsetDateTime.parse(fhirInstant).toInstant());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  private static UTF8String utf8(String s) {
    return s == null ? null : UTF8String.fromString(s);
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
