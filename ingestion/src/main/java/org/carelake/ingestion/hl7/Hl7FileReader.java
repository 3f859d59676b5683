package org.carelake.ingestion.hl7;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.carelake.core.Bytes;

/**
 * Reads one HL7 v2 file inside a Spark task, one kind of output per pass: its fingerprint, its messages as bronze
 * rows, or its rejects as quarantine rows. The row passes stream: a task holds one message at a time, whatever the
 * file's size.
 */
public final class Hl7FileReader {
  /** What a pass wants from the file. */
  public enum Emit { BRONZE, QUARANTINE }

  /** Settings every task of a batch shares. */
  public record Context(String batchId, String source, long ingestedMillis, long maxMessageBytes)
      implements java.io.Serializable {}

  private static final UTF8String KIND = UTF8String.fromString(Hl7BatchIngest.KIND);

  private Hl7FileReader() {}

  /** The fingerprint pass: size and SHA-256 of the stored bytes, or why the file cannot be read. */
  public static Hl7FileStats fingerprint(Hl7Input input, Configuration conf) {
    Path path = new Path(input.uri());
    try {
      FileSystem fs = path.getFileSystem(conf);
      long size = fs.getFileStatus(path).getLen();
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(fs.open(path, 1 << 16), sha)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      return new Hl7FileStats(input.uri(), size, Bytes.hex(sha.digest()), 0, 0, 0, null);
    } catch (IOException | RuntimeException e) {
      return new Hl7FileStats(input.uri(), -1, null, 0, 0, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Bronze or quarantine rows of a file, streamed; when the file is done, {@code done} gets its unit counts (size
   * and hash are the fingerprint pass's).
   */
  public static Iterator<InternalRow> rows(Hl7Input input, Context ctx, Emit emit, Configuration conf,
                                           java.util.function.Consumer<Hl7FileStats> done) {
    ArrayDeque<InternalRow> ready = new ArrayDeque<>();
    Rows make = new Rows(input, ctx);
    long[] counts = new long[2];
    Hl7Splitter splitter = new Hl7Splitter(ctx.maxMessageBytes(), u -> {
      counts[u.accepted() ? 0 : 1]++;
      InternalRow r = make.of(u, emit);
      if (r != null) {
        ready.add(r);
      }
    });
    InputStream in;
    try {
      Path path = new Path(input.uri());
      InputStream raw = path.getFileSystem(conf).open(path, 1 << 16);
      in = input.gzipped() ? new GZIPInputStream(raw, 1 << 16) : raw;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + input.uri() + " again", e);
    }
    return new Iterator<>() {
      private boolean more = true;

      @Override
      public boolean hasNext() {
        try {
          while (ready.isEmpty() && more) {
            more = splitter.step(in);
            if (!more) {
              in.close();
              done.accept(new Hl7FileStats(input.uri(), -1, null, counts[0] + counts[1], counts[0], counts[1], null,
                  make.keys()));
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + input.uri() + " again", e);
        }
        return !ready.isEmpty();
      }

      @Override
      public InternalRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.poll();
      }
    };
  }

  /** Rows of one file, in the layouts of bronze and quarantine. */
  private static final class Rows {
    private final UTF8String batch;
    private final UTF8String source;
    private final UTF8String file;
    private final long received;
    private final long ingested;
    private final MessageDigest sha;
    private long[] keys = new long[1024];
    private int keyCount;

    Rows(Hl7Input input, Context ctx) {
      this.batch = UTF8String.fromString(ctx.batchId());
      this.source = UTF8String.fromString(ctx.source());
      this.file = UTF8String.fromString(input.uri());
      this.received = input.receivedAtMillis() * 1000;
      this.ingested = ctx.ingestedMillis() * 1000;
      try {
        this.sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    InternalRow of(Hl7Unit u, Emit emit) {
      if (u.accepted() == (emit == Emit.QUARANTINE)) {
        return null;
      }
      return switch (emit) {
        case BRONZE -> bronze(u);
        case QUARANTINE -> new GenericInternalRow(new Object[] {batch, KIND, source, file, u.line(), u.byteOffset(),
            u.length(), UTF8String.fromString(u.reject().code()), utf8(u.detail()), utf8(u.excerpt()), ingested});
      };
    }

    /** The duplicate-key fingerprints of the file's messages, or null past {@link #MAX_KEYS} (then a query decides). */
    long[] keys() {
      return keys == null ? null : java.util.Arrays.copyOf(keys, keyCount);
    }

    private void addKey(Hl7Header h, byte[] digest) {
      if (keys == null) {
        return;
      }
      if (keyCount == keys.length) {
        if (keys.length >= MAX_KEYS) {
          keys = null;
          return;
        }
        keys = java.util.Arrays.copyOf(keys, keys.length * 2);
      }
      keys[keyCount++] = duplicateKey(h.sendingFacility(), h.controlId(), digest);
    }

    private InternalRow bronze(Hl7Unit u) {
      Hl7Header h = u.message().header();
      byte[] digest = sha.digest(u.normalForm());
      addKey(h, digest);
      Instant t = Hl7Time.instant(h.messageTime(), ZoneOffset.UTC);
      return new GenericInternalRow(new Object[] {batch, source, utf8(h.sendingApplication()),
          utf8(h.sendingFacility()), utf8(h.receivingApplication()), utf8(h.receivingFacility()),
          utf8(h.messageType()), utf8(h.triggerEvent()), utf8(h.messageStructure()), utf8(h.controlId()),
          t == null ? null : t.getEpochSecond() * 1_000_000 + t.getNano() / 1000, utf8(h.messageTime()),
          utf8(h.version()), utf8(h.processingId()), UTF8String.fromString(u.message().text()),
          UTF8String.fromString(Bytes.hex(digest)), file,
          u.byteOffset(), u.length(), u.line(), received, ingested});
    }
  }

  /** Per file, at most this many key fingerprints travel to the driver (8 bytes each). */
  static final int MAX_KEYS = 1 << 22;

  /**
   * A 64-bit fingerprint of (sending facility, control id, content hash): equal keys give equal fingerprints, so
   * distinct fingerprints prove distinct keys; an equal pair is only a candidate, which the exact query then checks.
   */
  static long duplicateKey(String facility, String controlId, byte[] contentDigest) {
    long h = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (contentDigest[i] & 0xFF);
    }
    h ^= (facility == null ? 0 : facility.hashCode()) * 0x9E3779B97F4A7C15L;
    return h ^ Long.rotateLeft((controlId == null ? 0 : controlId.hashCode()) * 0xC2B2AE3D27D4EB4FL, 29);
  }

  private static UTF8String utf8(String s) {
    return s == null ? null : UTF8String.fromString(s);
  }
}
