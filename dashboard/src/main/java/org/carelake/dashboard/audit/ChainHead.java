package org.carelake.dashboard.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The newest entry of the audit chain, shared by every audit writer that uses one journal directory: the dashboard,
 * the SQL endpoint and CLI commands such as {@code sql --as}, in one process or several. A writer takes the head's
 * lock (a JVM lock for threads, an OS file lock for processes), continues the chain from the head, journals its
 * batch, moves the head and lets go; so two writers never give out the same seq, and the chain cannot fork.
 *
 * <p>The head is written after the batch is fsynced: a crash between the two leaves the head behind a journaled
 * batch. Every audit log therefore starts from the newest of the head, its journal and Delta, and the window is the
 * time between two small writes of one batch.
 */
final class ChainHead {
  static final String FILE = "chain.head";
  private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  /** A position in the chain: the last seq given out and its hash. */
  record Position(long seq, String hash) {
    Position newer(Position other) {
      return other != null && other.seq() > seq ? other : this;
    }
  }

  /** Chains and journals one batch from {@code from}; returns the position after it. */
  @FunctionalInterface
  interface Batch {
    Position append(Position from) throws IOException;
  }

  private final Path file;
  private final ReentrantLock jvmLock;

  ChainHead(Path journalDir) {
    this.file = journalDir.resolve(FILE).toAbsolutePath().normalize();
    this.jvmLock = JVM_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
  }

  /** The head as written, or null when no writer has written one yet. */
  Position read() throws IOException {
    return locked(ch -> read(ch));
  }

  /**
   * Runs {@code batch} from the head (or from {@code known}, this writer's own position, when that is newer or no
   * head exists) and moves the head to where the batch ended. A batch that throws leaves the head where it was.
   */
  Position advance(Position known, Batch batch) throws IOException {
    return locked(ch -> {
      Position to = batch.append(known.newer(read(ch)));
      byte[] text = (to.seq() + " " + to.hash() + "\n").getBytes(StandardCharsets.US_ASCII);
      ch.truncate(0);
      ByteBuffer buf = ByteBuffer.wrap(text);
      while (buf.hasRemaining()) {
        ch.write(buf, text.length - buf.remaining());
      }
      ch.force(false);
      return to;
    });
  }

  private interface Locked<T> {
    T run(FileChannel ch) throws IOException;
  }

  private <T> T locked(Locked<T> body) throws IOException {
    jvmLock.lock();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
      return body.run(ch);
    } finally {
      jvmLock.unlock();
    }
  }

  private static Position read(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size == 0 || size > 4096) {
      return null;
    }
    ByteBuffer buf = ByteBuffer.allocate((int) size);
    while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
      // reads until the whole file is in
    }
    String[] parts = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim().split(" ");
    if (parts.length != 2) {
      return null;
    }
    try {
      return new Position(Long.parseLong(parts[0]), parts[1]);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
