package org.carelake.dashboard.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The audit log's write-ahead journal: chained entries as JSON lines in segment files of a local directory, fsynced
 * once per batch before the callers are answered. Each writer appends to its own segment ({@code RUN-NNNNNN.jsonl})
 * and holds an OS lock on every segment until its entries are in Delta and the file is deleted; a segment nobody
 * holds was left by a crash, and the next audit log to start adopts it and replays it.
 */
final class AuditJournal implements AutoCloseable {
  static final String SUFFIX = ".jsonl";
  private static final Logger LOG = Logger.getLogger(AuditJournal.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  // Segments this JVM holds, with the channel holding the lock. A segment's locks are the process's (POSIX): closing
  // any other descriptor of the file drops them, so a held segment is never opened again, only read through this
  // channel; else another process could adopt and replay it while this one moves it.
  private static final Map<Path, FileChannel> LIVE = new ConcurrentHashMap<>();

  private record Segment(Path path, FileChannel channel, FileLock lock) {}

  private final Path dir;
  private final String runTag;
  private final List<Segment> sealed = new ArrayList<>();
  private Segment current;
  private int segments;

  AuditJournal(Path dir) {
    this.dir = dir;
    byte[] r = new byte[4];
    RANDOM.nextBytes(r);
    this.runTag = Long.toString(System.currentTimeMillis(), 36) + HexFormat.of().formatHex(r);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the audit journal directory " + dir, e);
    }
  }

  Path dir() {
    return dir;
  }

  /** Writes the entries and forces them to disk: one fsync per batch (group commit). */
  synchronized void append(List<AuditEntry> entries) throws IOException {
    if (current == null) {
      current = open(dir.resolve(runTag + "-" + String.format("%06d", ++segments) + SUFFIX));
    }
    StringBuilder b = new StringBuilder();
    for (AuditEntry e : entries) {
      b.append(toJson(e)).append('\n');
    }
    ByteBuffer buf = ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8));
    FileChannel ch = current.channel();
    long before = ch.size();
    try {
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(false);
    } catch (IOException e) {
      // The batch is refused to its callers and its seqs are reused: leave none of it behind.
      try {
        ch.truncate(before);
      } catch (IOException ignored) {
        // the original failure is what the callers need
      }
      throw e;
    }
  }

  /**
   * Takes over segments that no live writer holds (left by a crash, in this or another process); they are moved to
   * Delta with this journal's own.
   */
  synchronized void adoptOrphans() throws IOException {
    for (Path p : list(dir)) {
      if (LIVE.containsKey(p.toAbsolutePath()) || p.getFileName().toString().startsWith(runTag + "-")) {
        continue;
      }
      FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        ch.close();
      } else {
        LIVE.put(p.toAbsolutePath(), ch);
        sealed.add(new Segment(p, ch, lock));
      }
    }
  }

  /** Ends the segment being written (the next batch starts a new one) and returns every segment not yet moved. */
  synchronized List<Path> seal() {
    if (current != null) {
      sealed.add(current);
      current = null;
    }
    return sealed.stream().map(Segment::path).toList();
  }

  /** Deletes segments whose entries are in Delta. Deleted before unlocked, so nobody can adopt one in between. */
  synchronized void discard(List<Path> moved) throws IOException {
    List<Segment> done = sealed.stream().filter(s -> moved.contains(s.path())).toList();
    for (Segment s : done) {
      Files.deleteIfExists(s.path());
      s.channel().close();
      LIVE.remove(s.path().toAbsolutePath());
      sealed.remove(s);
    }
  }

  /** Releases the segments (the files stay: what they hold is replayed by the next start). */
  @Override
  public synchronized void close() {
    List<Segment> all = new ArrayList<>(sealed);
    if (current != null) {
      all.add(current);
    }
    for (Segment s : all) {
      try {
        s.channel().close();
      } catch (IOException e) {
        LOG.warning("closing audit journal segment failed: " + e.getClass().getSimpleName());
      }
      LIVE.remove(s.path().toAbsolutePath());
    }
    sealed.clear();
    current = null;
  }

  private static Segment open(Path p) throws IOException {
    FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        StandardOpenOption.READ);
    LIVE.put(p.toAbsolutePath(), ch);
    return new Segment(p, ch, ch.lock());
  }

  /** The segment files of a directory (empty when it does not exist). */
  static List<Path> list(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      ds.forEach(out::add);
    }
    out.sort(null);
    return out;
  }

  /**
   * A segment's entries. A line cut off by a crash during its write (its batch was never confirmed to anyone) is
   * skipped; a segment deleted meanwhile (moved by its writer) reads as empty.
   */
  static List<AuditEntry> read(Path segment) throws IOException {
    List<AuditEntry> out = new ArrayList<>();
    List<String> lines;
    FileChannel held = LIVE.get(segment.toAbsolutePath());
    try {
      lines = held != null ? readThrough(held) : Files.readAllLines(segment, StandardCharsets.UTF_8);
    } catch (NoSuchFileException | java.nio.channels.ClosedChannelException e) {
      return out;
    }
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      try {
        out.add(fromJson(JSON.readTree(line)));
      } catch (IOException | RuntimeException e) {
        LOG.warning("skipping an incomplete line of audit journal " + segment.getFileName());
      }
    }
    return out;
  }

  private static List<String> readThrough(FileChannel ch) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(ch.size()));
    while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
      // positional reads: the writer's position is left alone
    }
    return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).lines().toList();
  }

  /** Every entry of every segment in the directory, held by a live writer or not. */
  static List<AuditEntry> readAll(Path dir) throws IOException {
    List<AuditEntry> out = new ArrayList<>();
    for (Path p : list(dir)) {
      out.addAll(read(p));
    }
    return out;
  }

  static String toJson(AuditEntry e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("seq", e.seq()).put("at", e.at().toString()).put("user", e.user()).put("role", e.role())
        .put("action", e.action()).put("person_id", e.personId()).put("detail", e.detail())
        .put("client", e.client()).put("prev_hash", e.prevHash()).put("hash", e.hash());
    return n.toString();
  }

  static AuditEntry fromJson(JsonNode n) {
    return new AuditEntry(n.get("seq").asLong(), Instant.parse(n.get("at").asText()), text(n, "user"),
        text(n, "role"), text(n, "action"), text(n, "person_id"), text(n, "detail"), text(n, "client"),
        text(n, "prev_hash"), text(n, "hash"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
